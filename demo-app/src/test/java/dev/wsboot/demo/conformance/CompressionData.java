package dev.wsboot.demo.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Stand-ins for the data files of Autobahn|Testsuite's cases 12 and 13, which the suite
 * slices into messages: generated from a fixed seed, of the same size and kind as the
 * originals (which are not redistributed here), so they compress roughly alike. Text sets
 * are ASCII, so that any slice is valid UTF-8, as the originals' slices are.
 */
enum CompressionData {

	/** 12.1 and group 13: "Large JSON data file (utf8, 194056 bytes)". */
	JSON("JSON data (utf8)", 194_056, false, CompressionData::json),

	/** 12.2: "Lena Picture, Bitmap 512x512 bw (binary, 263222 bytes)". */
	BITMAP("512x512 greyscale bitmap (binary)", 263_222, true, CompressionData::bitmap),

	/** 12.3: "Human readable text, Goethe's Faust I (German) (binary, 222218 bytes)". */
	GERMAN_TEXT("German prose with umlauts (binary)", 222_218, true, CompressionData::german),

	/** 12.4: "Large HTML file (utf8, 263527 bytes)". */
	HTML("HTML (utf8)", 263_527, false, CompressionData::html),

	/** 12.5: "A larger PDF (binary, 1042328 bytes)". */
	PDF("PDF-like mix of text and deflated streams (binary)", 1_042_328, true, CompressionData::pdf);

	private final String description;

	private final int size;

	private final boolean binary;

	private final Supplier<byte[]> generator;

	private volatile byte[] bytes;

	CompressionData(String description, int size, boolean binary, Supplier<byte[]> generator) {
		this.description = description;
		this.size = size;
		this.binary = binary;
		this.generator = generator;
	}

	String description() {
		return this.description;
	}

	boolean binary() {
		return this.binary;
	}

	/**
	 * Returns the data, made on first use.
	 * @return exactly {@code size} bytes
	 */
	byte[] bytes() {
		byte[] bytes = this.bytes;
		if (bytes == null) {
			byte[] made = this.generator.get();
			bytes = new byte[this.size];
			for (int at = 0; at < this.size; at += made.length) {
				System.arraycopy(made, 0, bytes, at, Math.min(made.length, this.size - at));
			}
			this.bytes = bytes;
		}
		return bytes;
	}

	/**
	 * Cuts consecutive slices from the data, wrapping around at its end, as the suite
	 * does.
	 */
	static final class Slicer {

		private final byte[] data;

		private int at;

		Slicer(byte[] data) {
			this.data = data;
		}

		byte[] next(int length) {
			byte[] slice = new byte[length];
			int done = 0;
			while (done < length) {
				int n = Math.min(length - done, this.data.length - this.at);
				System.arraycopy(this.data, this.at, slice, done, n);
				done += n;
				this.at = (this.at + n) % this.data.length;
			}
			return slice;
		}

	}

	private static final String[] WORDS = { "alpha", "beta", "gamma", "delta", "status", "value", "count", "user",
			"order", "item", "price", "name", "city", "country", "created", "updated", "active", "tags", "score",
			"level", "message", "server", "client", "session", "token", "region", "north", "south", "east", "west" };

	private static byte[] json() {
		Random random = new Random(12_1);
		StringBuilder json = new StringBuilder(200_000).append("[\n");
		for (int id = 1; json.length() < 194_056; id++) {
			json.append("  {\"id\": ")
				.append(id)
				.append(", \"guid\": \"")
				.append(Long.toHexString(random.nextLong()))
				.append("\", \"name\": \"")
				.append(word(random))
				.append(' ')
				.append(word(random))
				.append("\", \"active\": ")
				.append(random.nextBoolean())
				.append(", \"balance\": ")
				.append(random.nextInt(100_000) / 100.0)
				.append(", \"tags\": [\"")
				.append(word(random))
				.append("\", \"")
				.append(word(random))
				.append("\"], \"location\": {\"lat\": ")
				.append(random.nextInt(180_000) / 1000.0 - 90)
				.append(", \"lon\": ")
				.append(random.nextInt(360_000) / 1000.0 - 180)
				.append("}},\n");
		}
		return json.append("]\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] html() {
		Random random = new Random(12_4);
		StringBuilder html = new StringBuilder(270_000)
			.append("<!DOCTYPE html>\n<html><head><title>Data</title></head>\n<body>\n");
		while (html.length() < 263_527) {
			html.append("<div class=\"").append(word(random)).append("\">\n  <h2>").append(word(random));
			html.append("</h2>\n  <p>");
			for (int i = 0, n = 8 + random.nextInt(30); i < n; i++) {
				html.append(word(random)).append(' ');
			}
			html.append("<a href=\"/").append(word(random)).append('/').append(random.nextInt(10_000));
			html.append("\">more</a></p>\n</div>\n");
		}
		return html.append("</body></html>\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static final String[] GERMAN = { "Habe", "nun", "ach", "Philosophie", "Juristerei", "und", "Medizin",
			"leider", "auch", "Theologie", "durchaus", "studiert", "mit", "heißem", "Bemühn", "da", "steh", "ich",
			"armer", "Tor", "bin", "so", "klug", "als", "wie", "zuvor", "Heiße", "Magister", "Doktor", "gar", "über",
			"Mädchen", "Grüße", "schön", "Töne", "Brüder", "Geist", "Welt", "Nacht", "Himmel" };

	private static byte[] german() {
		Random random = new Random(12_3);
		StringBuilder text = new StringBuilder(230_000);
		while (text.length() < 222_218) {
			int words = 4 + random.nextInt(8);
			for (int i = 0; i < words; i++) {
				text.append(GERMAN[random.nextInt(GERMAN.length)]).append((i + 1 < words) ? " " : "");
			}
			text.append(random.nextInt(4) == 0 ? ".\n\n" : ",\n");
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bitmap() {
		Random random = new Random(12_2);
		ByteArrayOutputStream bmp = new ByteArrayOutputStream(263_222);
		bmp.writeBytes("BM".getBytes(StandardCharsets.US_ASCII));
		bmp.writeBytes(new byte[52]);
		for (int i = 0; i < 256; i++) {
			bmp.writeBytes(new byte[] { (byte) i, (byte) i, (byte) i, 0 });
		}
		for (int y = 0; y < 512; y++) {
			for (int x = 0; x < 512; x++) {
				double shade = 128 + 60 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + 30 * Math.sin((x + y) / 91.0);
				bmp.write((int) Math.max(0, Math.min(255, shade + random.nextGaussian() * 6)));
			}
		}
		return bmp.toByteArray();
	}

	private static byte[] pdf() {
		Random random = new Random(12_5);
		ByteArrayOutputStream pdf = new ByteArrayOutputStream(1_050_000);
		pdf.writeBytes("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
		for (int object = 1; pdf.size() < 1_042_328; object++) {
			if (object % 3 == 0) {
				byte[] stream = new byte[2_000 + random.nextInt(20_000)];
				random.nextBytes(stream);
				pdf.writeBytes((object + " 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n")
					.getBytes(StandardCharsets.US_ASCII));
				pdf.writeBytes(stream);
				pdf.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
			}
			else {
				StringBuilder text = new StringBuilder();
				text.append(object).append(" 0 obj\n<< /Type /Page /Parent 2 0 R /Contents [");
				for (int i = 0; i < 200; i++) {
					text.append("(").append(word(random)).append(") Tj ").append(random.nextInt(600)).append(" TL ");
				}
				pdf.writeBytes(text.append("] >>\nendobj\n").toString().getBytes(StandardCharsets.US_ASCII));
			}
		}
		return pdf.toByteArray();
	}

	private static String word(Random random) {
		return WORDS[random.nextInt(WORDS.length)];
	}

}
