package org.flowdesk.attachment;

import java.util.List;

import org.springframework.core.io.InputStreamSource;
import org.springframework.web.multipart.MultipartFile;

/**
 * A file someone wants to attach, before it is checked: the name they gave it, its size if known
 * (-1 if not: it is counted then), and its content, which may be read more than once (a part
 * of a multipart request kept on disk, a part of a mail).
 */
public record Upload(String name, long size, InputStreamSource content) {

  /**
   * The files of a multipart request (kept on disk by the servlet container); an empty file
   * input that a browser sends when nothing was chosen is left out.
   */
  public static List<Upload> of(List<MultipartFile> files) {
    return files == null ? List.of() : files.stream()
        .filter(file -> !(file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())))
        .map(file -> new Upload(file.getOriginalFilename(), file.getSize(), file)).toList();
  }
}
