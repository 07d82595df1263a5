package org.flowdesk.attachment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Previews of image attachments, safe to show in FlowDesk's pages: the image is decoded with the
 * JDK's ImageIO and drawn anew as a small PNG, so nothing of the uploaded bytes (a script, a
 * polyglot file, metadata) reaches the browser. Only the pixels the preview needs are decoded
 * (every n-th row and column), and an image that claims more pixels than
 * {@link #MAX_PIXELS} is not decoded at all: a small file that unpacks to gigabytes (a
 * decompression bomb) costs nothing.
 */
@Component
class Thumbnails {

  /** The longest side of a preview, in pixels. */
  static final int SIZE = 240;
  /** Larger images get no preview (a 20,000 × 10,000 photo still has one). */
  static final long MAX_PIXELS = 200_000_000L;

  /** The types the JDK decodes; a WebP or HEIC photo has no preview, only its download. */
  private static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff");

  private static final Logger LOG = LoggerFactory.getLogger(Thumbnails.class);

  private final Attachments attachments;

  Thumbnails(Attachments attachments) {
    this.attachments = attachments;
  }

  static boolean previewable(String contentType) {
    return TYPES.contains(contentType);
  }

  /**
   * The attachment's preview as PNG bytes (a few kilobytes), or empty when it is not an image the
   * JDK reads, is damaged, or is too large to preview.
   */
  Optional<byte[]> of(Attachment attachment) throws IOException {
    if (!previewable(attachment.contentType())) {
      return Optional.empty();
    }
    // ImageIO reads from a file; the content comes out of its store a piece at a time.
    Path copy = Files.createTempFile("flowdesk-preview", ".img");
    try {
      try (OutputStream out = Files.newOutputStream(copy)) {
        attachments.copy(attachment, out);
      }
      Optional<BufferedImage> image = decode(copy);
      if (image.isEmpty()) {
        return Optional.empty();
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image.get(), "png", png);
      return Optional.of(png.toByteArray());
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static Optional<BufferedImage> decode(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
          return Optional.empty();
        }
        ImageReadParam every = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / (2 * SIZE));
        every.setSourceSubsampling(step, step, 0, 0);
        return Optional.of(scaled(reader.read(0, every)));
      } catch (IOException | RuntimeException damaged) {
        // ImageIO answers a broken or hostile file with an IIOException or, now and then, a runtime one.
        LOG.debug("No preview of {}: {}", file, damaged.toString());
        return Optional.empty();
      } finally {
        reader.dispose();
      }
    }
  }

  /** The image drawn anew within SIZE × SIZE, its proportions kept. */
  private static BufferedImage scaled(BufferedImage source) {
    double factor = Math.min(1.0, (double) SIZE / Math.max(source.getWidth(), source.getHeight()));
    int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
    BufferedImage preview = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = preview.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return preview;
  }
}
