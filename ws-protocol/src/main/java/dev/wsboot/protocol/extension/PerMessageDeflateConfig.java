package dev.wsboot.protocol.extension;

/**
 * What an endpoint wants from permessage-deflate (RFC 7692). The two context takeover
 * switches are named after the direction they govern, as the extension's parameters are,
 * whichever role the endpoint plays.
 * <p>
 * On a server: {@code serverNoContextTakeover} makes the server compress each message on
 * its own and say so in its response, which lets it borrow a compressor from a
 * {@link DeflatePool} per message instead of keeping one per connection (a JDK
 * {@link java.util.zip.Deflater} holds about 256 KiB of native memory); and
 * {@code clientNoContextTakeover} asks the client to do the same, which lets the server
 * borrow its decompressor (about 40 KiB) per message too. The server adds
 * {@code client_no_context_takeover} to its response as well whenever the client offers
 * it, since that costs the client nothing.
 * <p>
 * On a client: {@code serverNoContextTakeover} asks the server for it in the offer, and
 * {@code clientNoContextTakeover} announces that the client compresses each message on
 * its own.
 *
 * @param enabled whether to negotiate the extension at all
 * @param serverNoContextTakeover whether the server compresses each message with a fresh
 * LZ77 window
 * @param clientNoContextTakeover whether the client compresses each message with a fresh
 * LZ77 window
 * @param minMessageSize the shortest message, in bytes, worth compressing; shorter ones
 * are sent as they are
 * @param compressionLevel the {@link java.util.zip.Deflater} level, 1 (fastest) to 9
 * (smallest)
 */
public record PerMessageDeflateConfig(boolean enabled, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
		int minMessageSize, int compressionLevel) {

	/**
	 * The defaults: enabled; the server compresses each message on its own, so that
	 * compressors are pooled rather than held by every connection; the client keeps its
	 * context, for the better ratio on the traffic browsers send; messages under 256
	 * bytes, which a fresh window rarely shrinks, go uncompressed; level 6, zlib's
	 * default.
	 */
	public static final PerMessageDeflateConfig DEFAULTS = new PerMessageDeflateConfig(true, true, false, 256, 6);

	/**
	 * Creates a configuration.
	 * @param enabled whether to negotiate the extension
	 * @param serverNoContextTakeover whether the server compresses each message with a
	 * fresh window
	 * @param clientNoContextTakeover whether the client compresses each message with a
	 * fresh window
	 * @param minMessageSize the shortest message worth compressing, at least 0
	 * @param compressionLevel the level, 1 to 9
	 * @throws IllegalArgumentException if the size is negative or the level out of range
	 */
	public PerMessageDeflateConfig {
		if (minMessageSize < 0) {
			throw new IllegalArgumentException("Minimum message size must not be negative: " + minMessageSize);
		}
		if (compressionLevel < 1 || compressionLevel > 9) {
			throw new IllegalArgumentException("Compression level must be 1 to 9: " + compressionLevel);
		}
	}

}
