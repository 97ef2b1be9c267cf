package dev.wsboot.actuate;

import java.util.List;

import dev.wsboot.endpoint.WsEndpointRegistry;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code wsendpoints} actuator endpoint: the application's {@code @WsEndpoint}s, each
 * with its path template, its subprotocols and how many sessions it has open. Read-only.
 */
@Endpoint(id = "wsendpoints")
public class WsEndpointsEndpoint {

	private final WsEndpointRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the application's WebSocket endpoints
	 */
	public WsEndpointsEndpoint(WsEndpointRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Describes the WebSocket endpoints.
	 * @return the endpoints, in registration order
	 */
	@ReadOperation
	public WsEndpointsDescriptor endpoints() {
		List<WsEndpointDescriptor> endpoints = this.registry.endpoints()
			.stream()
			.map((path) -> new WsEndpointDescriptor(path, this.registry.subprotocols(path),
					this.registry.isNonBlocking(path), this.registry.sessions().sessions(path).size()))
			.toList();
		return new WsEndpointsDescriptor(endpoints);
	}

	/**
	 * The application's WebSocket endpoints.
	 *
	 * @param endpoints each endpoint
	 */
	public record WsEndpointsDescriptor(List<WsEndpointDescriptor> endpoints) implements OperationResponseBody {
	}

	/**
	 * One WebSocket endpoint.
	 *
	 * @param path its path template, for example {@code /chat/{room}}
	 * @param subprotocols the subprotocols it supports, most preferred first
	 * @param nonBlocking whether it is declared {@code @WsEndpoint(nonBlocking = true)}
	 * and so runs on the event loops
	 * @param openSessions how many sessions it has open now
	 */
	public record WsEndpointDescriptor(String path, List<String> subprotocols, boolean nonBlocking, int openSessions) {
	}

}
