// The wsboot demo page: one WebSocket per scenario, plain browser APIs, no build step.
// Everything that came from the network is put into the page as text (textContent),
// never as HTML: the server forwards what other people typed.
'use strict';

const RECONNECT_FIRST_DELAY_MS = 500;
const RECONNECT_MAX_DELAY_MS = 15000;
const METRICS_INTERVAL_MS = 2000;

// Close codes after which trying again would fail the same way.
const NO_RECONNECT_CODES = new Set([1003, 1007, 1008, 1009]);

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
	const node = document.createElement(tag);
	if (className) {
		node.className = className;
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

function timeOf(iso) {
	const date = iso ? new Date(iso) : new Date();
	return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

// ---------------------------------------------------------------------------
// A WebSocket that reconnects with exponential back-off and reports its state.
// ---------------------------------------------------------------------------

class Channel {

	constructor(name, path, handlers) {
		this.name = name;
		this.path = path;
		this.handlers = handlers;
		this.socket = null;
		this.attempt = 0;
		this.timer = null;
		this.countdown = null;
		this.wanted = false;
		this.suspended = false;
		channels.add(this);
	}

	url() {
		return wsBase + this.path;
	}

	connect() {
		this.wanted = true;
		clearTimeout(this.timer);
		clearInterval(this.countdown);
		this.status('connecting', 'connecting…');
		let socket;
		try {
			socket = new WebSocket(this.url());
		}
		catch (error) {
			this.status('closed', 'cannot connect: ' + error.message);
			return;
		}
		this.socket = socket;
		socket.addEventListener('open', () => {
			this.attempt = 0;
			this.status('open', 'open');
			this.handlers.open?.();
		});
		socket.addEventListener('message', (event) => {
			let message;
			try {
				message = JSON.parse(event.data);
			}
			catch {
				message = event.data;
			}
			this.handlers.message?.(message, event.data);
		});
		socket.addEventListener('close', (event) => {
			if (this.socket !== socket) {
				return;
			}
			this.socket = null;
			const what = 'closed ' + event.code + (event.reason ? ' (' + event.reason + ')' : '');
			this.handlers.close?.(event);
			if (!this.wanted) {
				this.status('closed', what);
			}
			else if (NO_RECONNECT_CODES.has(event.code)) {
				this.wanted = false;
				this.status('closed', what);
			}
			else {
				this.scheduleReconnect(what);
			}
		});
	}

	scheduleReconnect(what) {
		const ceiling = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** this.attempt);
		const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
		this.attempt++;
		const due = Date.now() + delay;
		const show = () => {
			const seconds = Math.max(0, (due - Date.now()) / 1000);
			this.status('closed', what + ' · retrying in ' + seconds.toFixed(1) + ' s');
		};
		show();
		this.countdown = setInterval(show, 100);
		this.timer = setTimeout(() => this.connect(), delay);
	}

	send(value) {
		if (!this.isOpen()) {
			return false;
		}
		this.socket.send(typeof value === 'string' ? value : JSON.stringify(value));
		return true;
	}

	suspend() {
		if (this.wanted) {
			this.suspended = true;
			// Scripts may only close with 1000 or 3000-4999, so not with 1001 (going away).
			this.close(1000, 'page left');
		}
	}

	resume() {
		if (this.suspended) {
			this.suspended = false;
			this.attempt = 0;
			this.connect();
		}
	}

	isOpen() {
		return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
	}

	close(code = 1000, reason = 'bye') {
		this.wanted = false;
		clearTimeout(this.timer);
		clearInterval(this.countdown);
		if (this.socket) {
			this.socket.close(code, reason);
		}
		else {
			this.status('idle', 'closed');
		}
	}

	status(state, text) {
		if (state !== 'closed' || !text.includes('retrying')) {
			clearInterval(this.countdown);
		}
		const badge = document.querySelector('[data-status="' + this.name + '"]');
		badge.dataset.state = state;
		badge.textContent = text;
		badge.title = this.url();
		document.querySelector('[data-dot="' + this.name + '"]').dataset.state = state;
	}

}

let wsBase = '';

const channels = new Set();

// Leaving the page, even into the back/forward cache, closes its connections (browsers
// may keep them open for a cached page); coming back from the cache reopens them.
window.addEventListener('pagehide', () => {
	for (const channel of channels) {
		channel.suspend();
	}
});
window.addEventListener('pageshow', (event) => {
	if (event.persisted) {
		for (const channel of channels) {
			channel.resume();
		}
	}
});

// ---------------------------------------------------------------------------
// Tabs
// ---------------------------------------------------------------------------

function showTab(name) {
	for (const tab of document.querySelectorAll('.tab')) {
		const selected = tab.dataset.tab === name;
		tab.setAttribute('aria-selected', String(selected));
		tab.tabIndex = selected ? 0 : -1;
		$('panel-' + tab.dataset.tab).hidden = !selected;
	}
	if (location.hash !== '#' + name) {
		history.replaceState(null, '', '#' + name);
	}
}

function initTabs() {
	const names = [...document.querySelectorAll('.tab')].map((tab) => tab.dataset.tab);
	for (const tab of document.querySelectorAll('.tab')) {
		tab.addEventListener('click', () => showTab(tab.dataset.tab));
		tab.addEventListener('keydown', (event) => {
			const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
			if (step) {
				const next = names[(names.indexOf(tab.dataset.tab) + step + names.length) % names.length];
				showTab(next);
				$('tab-' + next).focus();
			}
		});
	}
	const fromHash = () => {
		const name = location.hash.slice(1);
		return names.includes(name) ? name : 'chat';
	};
	window.addEventListener('hashchange', () => showTab(fromHash()));
	showTab(fromHash());
}

// ---------------------------------------------------------------------------
// Chat
// ---------------------------------------------------------------------------

const chat = {
	channel: null,
	nick: '',
	room: '',
};

function initChat() {
	const savedNick = localStorage.getItem('wsboot.nick');
	if (savedNick) {
		$('chat-nick').value = savedNick;
	}
	$('chat-join').addEventListener('submit', (event) => {
		event.preventDefault();
		const nick = $('chat-nick').value.trim();
		const room = $('chat-room').value.trim();
		if (!nick || !$('chat-room').checkValidity()) {
			$('chat-join-error').textContent = 'Choose a nickname and a room (letters, digits, - or _).';
			return;
		}
		localStorage.setItem('wsboot.nick', nick);
		joinRoom(nick, room);
	});
	$('chat-leave').addEventListener('click', () => {
		if (chat.channel) {
			chat.channel.close();
			channels.delete(chat.channel);
			chat.channel = null;
		}
		$('chat-room-view').hidden = true;
		$('chat-join').hidden = false;
	});
	$('chat-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const input = $('chat-text');
		const text = input.value.trim();
		if (text && chat.channel?.send({ text })) {
			input.value = '';
		}
	});
}

function joinRoom(nick, room) {
	chat.nick = nick;
	chat.room = room;
	$('chat-join-error').textContent = '';
	$('chat-join').hidden = true;
	$('chat-room-view').hidden = false;
	$('chat-title-room').textContent = '#' + room;
	$('chat-messages').replaceChildren();
	const path = '/chat/' + encodeURIComponent(room) + '?nick=' + encodeURIComponent(nick);
	if (chat.channel) {
		chat.channel.close();
		channels.delete(chat.channel);
	}
	chat.channel = new Channel('chat', path, {
		message: onChatMessage,
		close: (event) => {
			if (NO_RECONNECT_CODES.has(event.code)) {
				$('chat-room-view').hidden = true;
				$('chat-join').hidden = false;
				$('chat-join-error').textContent = event.reason || ('The server closed the connection (' + event.code + ').');
			}
		},
	});
	chat.channel.connect();
}

function onChatMessage(message) {
	switch (message.type) {
	case 'welcome': {
		// Sent on every (re)connection: it replaces what the list showed.
		chat.nick = message.nick;
		const list = $('chat-messages');
		list.replaceChildren();
		if (message.history.length > 0) {
			message.history.forEach(addChatMessage);
			list.append(el('li', 'notice', 'earlier messages above'));
		}
		list.append(el('li', 'notice', 'You joined #' + message.room + ' as ' + message.nick));
		showMembers(message.members);
		break;
	}
	case 'message':
		addChatMessage(message);
		break;
	case 'join':
	case 'leave':
		addNotice(message.nick + (message.type === 'join' ? ' joined' : ' left'), message.at);
		showMembers(message.members);
		break;
	case 'error':
		addNotice('⚠ ' + message.reason);
		break;
	default:
		break;
	}
}

function addChatMessage(message) {
	const item = el('li', 'message' + (message.from === chat.nick ? ' mine' : ''));
	const meta = el('div', 'meta');
	meta.append(el('span', 'from', message.from), el('time', 'at', timeOf(message.at)));
	item.append(meta, el('div', 'text', message.text));
	appendScrolled($('chat-messages'), item);
}

function addNotice(text, at) {
	appendScrolled($('chat-messages'), el('li', 'notice', text + (at ? ' · ' + timeOf(at) : '')));
}

function appendScrolled(list, item) {
	const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
	list.append(item);
	if (atBottom) {
		list.scrollTop = list.scrollHeight;
	}
}

function showMembers(members) {
	$('chat-member-count').textContent = members.length;
	$('chat-members').replaceChildren(...members.map((nick) => el('li', nick === chat.nick ? 'me' : '', nick)));
}

// ---------------------------------------------------------------------------
// Danmaku
// ---------------------------------------------------------------------------

const DANMAKU_COLORS = ['#ffffff', '#ff6b6b', '#ffd166', '#06d6a0', '#4cc9f0', '#c77dff'];
const DANMAKU_LANES = 8;
const DANMAKU_FEED_SIZE = 30;

const danmaku = {
	channel: null,
	color: DANMAKU_COLORS[0],
	laneFreeAt: new Array(DANMAKU_LANES).fill(0),
};

function initDanmaku() {
	const colors = $('danmaku-colors');
	for (const color of DANMAKU_COLORS) {
		const swatch = el('button', 'swatch');
		swatch.type = 'button';
		swatch.style.background = color;
		swatch.setAttribute('role', 'radio');
		swatch.setAttribute('aria-label', color);
		swatch.setAttribute('aria-checked', String(color === danmaku.color));
		swatch.addEventListener('click', () => {
			danmaku.color = color;
			for (const other of colors.children) {
				other.setAttribute('aria-checked', String(other === swatch));
			}
		});
		colors.append(swatch);
	}
	$('danmaku-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const input = $('danmaku-text');
		const text = input.value.trim();
		if (text && danmaku.channel.send({ text, color: danmaku.color })) {
			input.value = '';
		}
	});
	danmaku.channel = new Channel('danmaku', '/danmaku', {
		message: (message) => {
			if (message.type === 'danmaku') {
				fly(message);
				addToFeed(message);
			}
			else if (message.type === 'viewers') {
				$('danmaku-viewers').textContent = message.count;
			}
			else if (message.type === 'error') {
				addToFeed({ text: '⚠ ' + message.reason, color: '#ff6b6b', at: new Date().toISOString() });
			}
		},
	});
	danmaku.channel.connect();
}

function fly(message) {
	const stage = $('danmaku-stage');
	if (stage.offsetParent === null) {
		// Hidden tab: no animation would run (nor end), the feed keeps the comment.
		return;
	}
	const now = performance.now();
	let lane = 0;
	for (let i = 1; i < DANMAKU_LANES; i++) {
		if (danmaku.laneFreeAt[i] < danmaku.laneFreeAt[lane]) {
			lane = i;
		}
	}
	const bullet = el('span', 'bullet', message.text);
	bullet.style.color = message.color;
	bullet.style.top = ((lane + 0.3) * (stage.clientHeight / (DANMAKU_LANES + 0.5))) + 'px';
	stage.append(bullet);
	const width = stage.clientWidth;
	const distance = width + bullet.offsetWidth;
	const speed = 140 + Math.random() * 40; // pixels per second
	const duration = distance / speed * 1000;
	// The lane is free once this bullet's tail has entered the stage, plus a gap.
	danmaku.laneFreeAt[lane] = Math.max(now, danmaku.laneFreeAt[lane]) + (bullet.offsetWidth + 48) / speed * 1000;
	const animation = bullet.animate(
		[{ transform: 'translateX(' + width + 'px)' }, { transform: 'translateX(' + (-bullet.offsetWidth) + 'px)' }],
		{ duration, easing: 'linear' });
	animation.onfinish = () => bullet.remove();
	animation.oncancel = () => bullet.remove();
}

function addToFeed(message) {
	const feed = $('danmaku-feed');
	const item = el('li', 'feed-item');
	const swatch = el('span', 'feed-color');
	swatch.style.background = message.color;
	item.append(swatch, el('span', 'feed-text', message.text), el('time', 'at', timeOf(message.at)));
	feed.prepend(item);
	while (feed.children.length > DANMAKU_FEED_SIZE) {
		feed.lastElementChild.remove();
	}
}

// ---------------------------------------------------------------------------
// Quotes
// ---------------------------------------------------------------------------

const SPARK_POINTS = 60;

const quotes = {
	channel: null,
	rows: new Map(),
	followed: null, // symbols to follow again after a reconnect; null: all
};

function initQuotes() {
	quotes.channel = new Channel('quotes', '/quotes', {
		message: onQuotesMessage,
	});
	quotes.channel.connect();
}

function onQuotesMessage(message) {
	switch (message.type) {
	case 'symbols': {
		for (const quote of message.quotes) {
			quoteRow(quote);
			showQuote(quote, false);
		}
		const follow = quotes.followed ?? message.quotes.map((quote) => quote.symbol);
		quotes.channel.send({ subscribe: follow });
		break;
	}
	case 'subscribed':
		quotes.followed = message.symbols;
		for (const [symbol, row] of quotes.rows) {
			const following = message.symbols.includes(symbol);
			row.checkbox.checked = following;
			row.tr.classList.toggle('paused', !following);
		}
		break;
	case 'tick':
		showQuote(message.quote, true);
		break;
	default:
		break;
	}
}

function quoteRow(quote) {
	let row = quotes.rows.get(quote.symbol);
	if (row) {
		return row;
	}
	const tr = el('tr');
	tr.dataset.symbol = quote.symbol;
	const checkbox = el('input');
	checkbox.type = 'checkbox';
	checkbox.setAttribute('aria-label', 'Follow ' + quote.symbol);
	checkbox.addEventListener('change', () => {
		quotes.channel.send(checkbox.checked ? { subscribe: [quote.symbol] } : { unsubscribe: [quote.symbol] });
	});
	const follow = el('td', 'follow');
	follow.append(checkbox);
	const symbol = el('td', 'symbol');
	symbol.append(el('strong', '', quote.symbol), el('span', 'name', quote.name));
	const price = el('td', 'num price');
	const change = el('td', 'num change');
	const percent = el('td', 'num percent');
	const sparkCell = el('td', 'spark-col');
	const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
	svg.setAttribute('viewBox', '0 0 120 32');
	svg.setAttribute('preserveAspectRatio', 'none');
	svg.classList.add('spark');
	const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
	svg.append(line);
	sparkCell.append(svg);
	const ticks = el('td', 'num ticks ticks-col', '0');
	tr.append(follow, symbol, price, change, percent, sparkCell, ticks);
	$('quotes-body').append(tr);
	row = { tr, checkbox, price, change, percent, line, ticks, seq: -1, count: 0, history: [] };
	quotes.rows.set(quote.symbol, row);
	return row;
}

function showQuote(quote, isTick) {
	const row = quoteRow(quote);
	if (quote.seq < row.seq) {
		return; // older than what the row shows
	}
	const previous = row.history.length > 0 ? row.history[row.history.length - 1] : null;
	row.seq = quote.seq;
	row.price.textContent = quote.price.toFixed(2);
	row.change.textContent = (quote.change > 0 ? '+' : '') + quote.change.toFixed(2);
	row.percent.textContent = (quote.changePercent > 0 ? '+' : '') + quote.changePercent.toFixed(2) + '%';
	const direction = quote.change > 0 ? 'up' : quote.change < 0 ? 'down' : 'flat';
	row.tr.dataset.direction = direction;
	if (isTick) {
		row.count++;
		row.ticks.textContent = row.count;
		if (previous !== null && quote.price !== previous) {
			row.price.classList.remove('flash-up', 'flash-down');
			void row.price.offsetWidth; // restart the animation
			row.price.classList.add(quote.price > previous ? 'flash-up' : 'flash-down');
		}
	}
	row.history.push(quote.price);
	if (row.history.length > SPARK_POINTS) {
		row.history.shift();
	}
	drawSpark(row);
}

function drawSpark(row) {
	const values = row.history;
	const min = Math.min(...values);
	const max = Math.max(...values);
	const span = max - min || 1;
	const points = values.map((value, i) => {
		const x = values.length === 1 ? 120 : i * 120 / (SPARK_POINTS - 1) + (SPARK_POINTS - values.length) * 120 / (SPARK_POINTS - 1);
		const y = 30 - (value - min) / span * 28;
		return x.toFixed(1) + ',' + y.toFixed(1);
	});
	row.line.setAttribute('points', points.join(' '));
}

// ---------------------------------------------------------------------------
// Echo
// ---------------------------------------------------------------------------

const echo = {
	channel: null,
	pending: [],
};

function initEcho() {
	echo.channel = new Channel('echo', '/echo', {
		message: (message, raw) => {
			const sentAt = echo.pending.shift();
			const item = el('li', 'echoed');
			item.append(el('span', 'direction', '←'), el('span', 'echo-text', raw),
				el('span', 'rtt', sentAt !== undefined ? (performance.now() - sentAt).toFixed(1) + ' ms' : ''));
			prependLog(item);
		},
		close: () => {
			echo.pending = [];
		},
	});
	echo.channel.connect();
	$('echo-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const input = $('echo-text');
		const text = input.value;
		if (text && echo.channel.send(text)) {
			echo.pending.push(performance.now());
			const item = el('li', 'sent');
			item.append(el('span', 'direction', '→'), el('span', 'echo-text', text), el('span', 'rtt', ''));
			prependLog(item);
			input.value = '';
		}
	});
}

function prependLog(item) {
	const log = $('echo-log');
	log.prepend(item);
	while (log.children.length > 50) {
		log.lastElementChild.remove();
	}
}

// ---------------------------------------------------------------------------
// Counters from the actuator
// ---------------------------------------------------------------------------

const METRICS = {
	'metric-connections': 'ws.server.connections.active',
	'metric-received': 'ws.server.messages.received',
	'metric-sent': 'ws.server.messages.sent',
};

async function pollMetrics() {
	await Promise.all(Object.entries(METRICS).map(async ([id, name]) => {
		const target = $(id);
		try {
			const response = await fetch('actuator/metrics/' + name, { cache: 'no-store' });
			if (!response.ok) {
				throw new Error(String(response.status));
			}
			const body = await response.json();
			const value = body.measurements.find((m) => m.statistic === 'VALUE' || m.statistic === 'COUNT') ?? body.measurements[0];
			target.textContent = Math.round(value.value).toLocaleString();
			target.parentElement.classList.remove('stale');
		}
		catch {
			target.parentElement.classList.add('stale');
		}
	}));
	setTimeout(pollMetrics, METRICS_INTERVAL_MS);
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

async function start() {
	initTabs();
	let port;
	for (let attempt = 0; port === undefined; attempt++) {
		try {
			const response = await fetch('config.json', { cache: 'no-store' });
			port = (await response.json()).wsPort;
		}
		catch {
			$('ws-endpoint').textContent = 'Cannot reach the server for its configuration, retrying…';
			await new Promise((resolve) => setTimeout(resolve, Math.min(RECONNECT_MAX_DELAY_MS, 500 * 2 ** attempt)));
		}
	}
	const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
	wsBase = scheme + '://' + location.hostname + ':' + port;
	$('ws-endpoint').textContent = 'WebSocket server: ' + wsBase;
	initChat();
	initDanmaku();
	initQuotes();
	initEcho();
	pollMetrics();
	document.body.dataset.ready = 'true';
}

start();
