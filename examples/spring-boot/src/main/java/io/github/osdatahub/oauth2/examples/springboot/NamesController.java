package io.github.osdatahub.oauth2.examples.springboot;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /names?q=...}: OS Names' answer, fetched through {@link NamesApi}. */
@RestController
public class NamesController {
  private final NamesApi names;

  public NamesController(NamesApi names) {
    this.names = names;
  }

  @GetMapping(path = "/names", produces = MediaType.APPLICATION_JSON_VALUE)
  public String names(@RequestParam("q") String query) {
    return names.find(query);
  }
}
