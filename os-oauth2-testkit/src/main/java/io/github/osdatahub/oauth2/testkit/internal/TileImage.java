package io.github.osdatahub.oauth2.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The raster tile the fake serves: a real 256 x 256 PNG, one pale colour with a darker line along
 * its top and left edges (so a map of them shows the tile grid), a few hundred bytes. Encoded here
 * with {@code java.util.zip} so the testkit needs no {@code java.desktop}.
 */
public final class TileImage {
  /** Width and height in pixels, as OS ZXY tiles. */
  public static final int SIZE = 256;

  private static final byte[] PNG = encode(SIZE, SIZE, new int[] {0xEE, 0xF2, 0xE6}, new int[] {0xB4, 0xC3, 0xA0});

  private TileImage() {}

  /**
   * The tile's bytes.
   *
   * @return a fresh copy of the PNG
   */
  public static byte[] png() {
    return PNG.clone();
  }

  private static byte[] encode(int width, int height, int[] fill, int[] edge) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8) // bit depth
        .put((byte) 2) // colour type: RGB
        .put((byte) 0) // deflate
        .put((byte) 0) // adaptive filtering
        .put((byte) 0); // no interlace
    chunk(out, "IHDR", header.array());
    byte[] raw = new byte[height * (1 + width * 3)];
    for (int row = 0, at = 0; row < height; row++) {
      raw[at++] = 0; // filter type: none
      for (int column = 0; column < width; column++) {
        int[] rgb = row == 0 || column == 0 ? edge : fill;
        raw[at++] = (byte) rgb[0];
        raw[at++] = (byte) rgb[1];
        raw[at++] = (byte) rgb[2];
      }
    }
    chunk(out, "IDAT", deflate(raw));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
