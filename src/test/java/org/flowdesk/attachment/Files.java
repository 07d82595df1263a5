package org.flowdesk.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Real files of the kinds people attach, and hostile ones, made in memory for the tests. */
final class Files {

  private Files() {
  }

  static byte[] png() {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 3, 0xFF0000);
    return encoded(image);
  }

  private static byte[] encoded(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PNG of the given size, filled with one colour. */
  static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(java.awt.Color.BLUE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return encoded(image);
  }

  /**
   * A valid PNG header claiming 100,000 × 100,000 pixels (40 GB unpacked) on a few bytes of
   * data: a decompression bomb for whatever decodes it whole.
   */
  static byte[] pngBomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(100_000).putInt(100_000)
        .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", header.array());
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
    deflater.setInput(new byte[64 * 1024]);
    deflater.finish();
    byte[] data = new byte[1024];
    chunk(out, "IDAT", java.util.Arrays.copyOf(data, deflater.deflate(data)));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    crc.update(name);
    crc.update(data);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static byte[] pdf() {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
        + "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The start of a Windows executable: the MZ header and the PE signature it points to. */
  static byte[] exe() {
    byte[] exe = new byte[1024];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[0x3C] = (byte) 0x80;
    exe[0x80] = 'P';
    exe[0x81] = 'E';
    return exe;
  }

  static byte[] html() {
    return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code size} bytes of plain text. */
  static byte[] bytes(int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    return data;
  }
}
