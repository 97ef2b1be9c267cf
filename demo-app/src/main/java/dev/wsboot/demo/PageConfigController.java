package dev.wsboot.demo;

import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the page where the WebSocket server listens: it has its own port, apart from the
 * HTTP port that serves the page, and that port may have been chosen at startup
 * ({@code ws.server.port=0}).
 */
@RestController
class PageConfigController {

	private final Environment environment;

	PageConfigController(Environment environment) {
		this.environment = environment;
	}

	@GetMapping("/config.json")
	ResponseEntity<Map<String, Object>> config() {
		Integer port = this.environment.getProperty("local.ws.server.port", Integer.class);
		if (port == null) {
			port = this.environment.getProperty("ws.server.port", Integer.class, 8001);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("wsPort", port));
	}

}
