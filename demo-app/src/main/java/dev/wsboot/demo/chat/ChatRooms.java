package dev.wsboot.demo.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wsboot.demo.chat.ChatEvents.Message;

import org.springframework.stereotype.Component;

/**
 * The rooms and their recent history. A room lives while it has members and, once empty,
 * until more than {@link #MAX_EMPTY_ROOMS} empty rooms exist: then the least recently
 * entered empty rooms are forgotten, so clients inventing room names cannot grow memory
 * without bound.
 */
@Component
class ChatRooms {

	/**
	 * Messages a newcomer receives.
	 */
	static final int HISTORY_SIZE = 20;

	static final int MAX_EMPTY_ROOMS = 200;

	// Access order: iteration starts at the least recently entered room.
	private final Map<String, Room> rooms = new LinkedHashMap<>(16, 0.75f, true);

	private int emptyRooms;

	/**
	 * Counts a member in, creating the room if needed.
	 * @param name the room's name
	 * @return the room
	 */
	synchronized Room enter(String name) {
		Room room = this.rooms.get(name);
		if (room == null) {
			room = new Room(name);
			this.rooms.put(name, room);
		}
		else if (room.members == 0) {
			this.emptyRooms--;
		}
		room.members++;
		return room;
	}

	/**
	 * Counts a member out.
	 * @param room the room it was in
	 */
	synchronized void leave(Room room) {
		room.members--;
		if (room.members == 0) {
			this.emptyRooms++;
			forgetEmptyRoomsOverLimit();
		}
	}

	synchronized int size() {
		return this.rooms.size();
	}

	private void forgetEmptyRoomsOverLimit() {
		Iterator<Room> iterator = this.rooms.values().iterator();
		while (this.emptyRooms > MAX_EMPTY_ROOMS && iterator.hasNext()) {
			if (iterator.next().members == 0) {
				iterator.remove();
				this.emptyRooms--;
			}
		}
	}

	/**
	 * One room. Its monitor orders what is said in it: a message is remembered and
	 * broadcast while holding it, so every member sees the same order and a newcomer's
	 * history joins the live messages without a gap or a repeat.
	 */
	static final class Room {

		private final String name;

		private final Deque<Message> history = new ArrayDeque<>(HISTORY_SIZE);

		// Guarded by ChatRooms.this.
		private int members;

		Room(String name) {
			this.name = name;
		}

		String name() {
			return this.name;
		}

		/**
		 * Returns the last messages, oldest first. Call holding the room's monitor.
		 * @return a copy of the history
		 */
		List<Message> history() {
			return List.copyOf(this.history);
		}

		/**
		 * Remembers a message, forgetting the oldest past {@link #HISTORY_SIZE}. Call
		 * holding the room's monitor.
		 * @param message the message
		 */
		void remember(Message message) {
			if (this.history.size() == HISTORY_SIZE) {
				this.history.removeFirst();
			}
			this.history.addLast(message);
		}

	}

}
