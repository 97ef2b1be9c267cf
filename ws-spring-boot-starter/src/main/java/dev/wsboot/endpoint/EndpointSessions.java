package dev.wsboot.endpoint;

import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessions;

/**
 * {@link WsSessions} over the sessions that each endpoint's handler tracks.
 */
final class EndpointSessions implements WsSessions {

	private final WsEndpointRegistry registry;

	EndpointSessions(WsEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Set<String> endpoints() {
		return this.registry.endpoints();
	}

	@Override
	public Collection<WsSession> sessions(String endpoint) {
		return this.registry.handler(endpoint).sessions();
	}

	@Override
	public int broadcast(String endpoint, Predicate<? super WsSession> filter, PreparedMessage message) {
		int sent = 0;
		for (WsSession session : sessions(endpoint)) {
			if (session.isOpen() && filter.test(session)) {
				session.send(message);
				sent++;
			}
		}
		return sent;
	}

	@Override
	public String toString() {
		return "WsSessions" + endpoints();
	}

}
