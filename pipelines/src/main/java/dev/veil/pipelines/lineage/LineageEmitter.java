package dev.veil.pipelines.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientException;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.HttpTransportResponseException;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sends run events where the settings say: appended to {@code OUT/lineage/openlineage.jsonl} (one event per line), or
 * posted to an HTTP endpoint with the client's {@link HttpTransport}. A failed delivery is a {@link LineageException}
 * naming the event and the cause without quoting the event or the server's answer; the caller reports it and carries
 * on, since lineage never decides whether the data output is good.
 */
public final class LineageEmitter implements AutoCloseable {
  /** Under the output directory. */
  public static final String DIR = "lineage";

  public static final String FILE_NAME = "openlineage.jsonl";

  /** HTTP connect and read timeout: a lineage server that hangs must not hold the job's exit for long. */
  static final int HTTP_TIMEOUT_MS = 10_000;

  /** A delivery that did not happen. The message holds no event content. */
  public static final class LineageException extends Exception {
    private static final long serialVersionUID = 1L;

    LineageException(String message) {
      super(message);
    }
  }

  private final Transport transport;
  private final String target;

  private LineageEmitter(Transport transport, String target) {
    this.transport = transport;
    this.target = target;
  }

  /** Sends nothing. */
  public static LineageEmitter none() {
    return new LineageEmitter(null, "nowhere");
  }

  /**
   * The emitter the settings name, for a run writing to {@code outputDir}. Fails when the HTTP transport's API key
   * variable is not set.
   */
  public static LineageEmitter open(LineageSettings settings, Path outputDir) throws LineageException {
    switch (settings.transport()) {
      case NONE:
        return none();
      case FILE:
        Path file = outputDir.resolve(DIR).resolve(FILE_NAME);
        return new LineageEmitter(new JsonLinesTransport(file), file.toString());
      case HTTP:
      default:
        HttpConfig config = new HttpConfig();
        config.setUrl(settings.url());
        config.setEndpoint(settings.endpoint());
        config.setTimeoutInMillis(HTTP_TIMEOUT_MS);
        if (settings.apiKeyEnv() != null) {
          String key = System.getenv(settings.apiKeyEnv());
          if (key == null || key.isBlank()) {
            throw new LineageException("lineage.api_key_env: " + settings.apiKeyEnv() + " is not set");
          }
          ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
          auth.setApiKey(key);
          config.setAuth(auth);
        }
        return new LineageEmitter(new HttpTransport(config), settings.url() + settings.endpoint());
    }
  }

  /** Where events go, for messages: the file, the endpoint URL, or "nowhere". */
  public String target() {
    return target;
  }

  public void emit(OpenLineage.RunEvent event) throws LineageException {
    if (transport == null) {
      return;
    }
    try {
      transport.emit(event);
    } catch (HttpTransportResponseException e) {
      throw new LineageException(event.getEventType() + " event not accepted by " + target + ": HTTP " + e.getStatusCode());
    } catch (OpenLineageClientException | UncheckedIOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new LineageException(
          event.getEventType() + " event not delivered to " + target + ": " + cause.getClass().getSimpleName());
    }
  }

  @Override
  public void close() throws LineageException {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (Exception e) { // Transport.close() declares Exception; HttpTransport closes its HTTP client
      throw new LineageException("cannot close the lineage transport to " + target + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Appends each event as one line of JSON (the client's serializer) to a file, creating its directory. Unlike the
   * client's {@code FileTransport}, which logs and swallows a failed write, a failure here reaches the caller.
   */
  static final class JsonLinesTransport extends Transport {
    private final Path file;

    JsonLinesTransport(Path file) {
      this.file = file;
    }

    @Override
    public void emit(OpenLineage.RunEvent event) {
      append(OpenLineageClientUtils.toJson(event));
    }

    @Override
    public void emit(OpenLineage.DatasetEvent event) {
      append(OpenLineageClientUtils.toJson(event));
    }

    @Override
    public void emit(OpenLineage.JobEvent event) {
      append(OpenLineageClientUtils.toJson(event));
    }

    private void append(String json) {
      // The serializer writes compact JSON; a line break inside a string value is escaped, so one event is one line.
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(
            file, json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new OpenLineageClientException(e);
      }
    }
  }
}
