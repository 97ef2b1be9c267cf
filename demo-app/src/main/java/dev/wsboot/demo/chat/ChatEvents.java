package dev.wsboot.demo.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What goes over the wire in a chat room, as JSON text. Every event from the server has a
 * {@code type}; {@code at} is an ISO-8601 instant.
 */
final class ChatEvents {

	private ChatEvents() {
	}

	/**
	 * What a client sends: {@code {"text": "hello"}}.
	 *
	 * @param text the message
	 */
	record Say(@Nullable String text) {
	}

	/**
	 * Sent to a newcomer first: who is there and the room's last messages, oldest first.
	 *
	 * @param type {@code welcome}
	 * @param room the room's name
	 * @param nick the newcomer's nickname, as cleaned by the server
	 * @param members the members' nicknames, sorted, the newcomer included
	 * @param history the last messages
	 */
	record Welcome(String type, String room, String nick, List<String> members, List<Message> history) {

		Welcome(String room, String nick, List<String> members, List<Message> history) {
			this("welcome", room, nick, members, history);
		}

	}

	/**
	 * A message said in the room.
	 *
	 * @param type {@code message}
	 * @param from the sender's nickname
	 * @param text the message
	 * @param at when the server received it
	 */
	record Message(String type, String from, String text, String at) {

		Message(String from, String text, String at) {
			this("message", from, text, at);
		}

	}

	/**
	 * Someone joined or left.
	 *
	 * @param type {@code join} or {@code leave}
	 * @param nick who
	 * @param at when
	 * @param members the members' nicknames after the change, sorted
	 */
	record Presence(String type, String nick, String at, List<String> members) {
	}

	/**
	 * A message the server refused; the session stays open.
	 *
	 * @param type {@code error}
	 * @param reason why, for a person to read
	 */
	record Refusal(String type, String reason) {

		Refusal(String reason) {
			this("error", reason);
		}

	}

}
