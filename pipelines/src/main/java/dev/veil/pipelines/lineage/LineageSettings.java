package dev.veil.pipelines.lineage;

import java.net.URI;
import java.util.Locale;

/**
 * Where the job's OpenLineage run events go (docs/lineage.md): the policy's {@code lineage} mapping, or the
 * {@code --lineage-url} option. Not part of the job graph: nothing here changes what the job writes under
 * {@code data/}.
 *
 * @param transport file (default: {@code OUT/lineage/openlineage.jsonl}), http (a Marquez-compatible endpoint) or none
 * @param url the HTTP server, e.g. {@code http://marquez:5000}; null unless the transport is http
 * @param endpoint the path events are posted to on {@code url} ({@link #DEFAULT_ENDPOINT} by default)
 * @param apiKeyEnv the environment variable holding a bearer token for the endpoint, or null: the key itself is never
 *     in the policy
 * @param namespace the job's namespace ({@link #DEFAULT_NAMESPACE} by default)
 * @param job the job's name; null means the dataset's name ({@code output.card.name})
 */
public record LineageSettings(
    Transport transport, URI url, String endpoint, String apiKeyEnv, String namespace, String job) {
  public static final String DEFAULT_ENDPOINT = "/api/v1/lineage";
  public static final String DEFAULT_NAMESPACE = "veil";

  /** How events leave the job. */
  public enum Transport {
    FILE,
    HTTP,
    NONE;

    public static Transport of(String policyName) {
      return valueOf(policyName.toUpperCase(Locale.ROOT));
    }

    public String policyName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LineageSettings {
    if (transport == Transport.HTTP && url == null) {
      throw new IllegalArgumentException("lineage.url: required when the transport is http");
    }
    if (url != null) {
      checkHttpUrl(url);
      String path = pathOf(url);
      if (path != null) {
        if (endpoint != null) {
          throw new IllegalArgumentException("lineage: name the path in url or in endpoint, not in both");
        }
        endpoint = path;
      }
      url = origin(url);
    }
    if (endpoint == null) {
      endpoint = DEFAULT_ENDPOINT;
    }
    if (namespace == null) {
      namespace = DEFAULT_NAMESPACE;
    }
  }

  /** A file next to the shards, in the job's default namespace. */
  public static LineageSettings defaults() {
    return new LineageSettings(Transport.FILE, null, null, null, null, null);
  }

  /**
   * The same settings sending to this HTTP server instead ({@code --lineage-url}). A URL with a path names the
   * endpoint itself; a bare server URL keeps the endpoint.
   */
  public LineageSettings withHttpUrl(URI server) {
    checkHttpUrl(server);
    String path = pathOf(server);
    return new LineageSettings(
        Transport.HTTP, origin(server), path != null ? path : endpoint, apiKeyEnv, namespace, job);
  }

  /** The URL's path, or null when it has none (or only "/"). */
  private static String pathOf(URI url) {
    String path = url.getRawPath();
    return path == null || path.isEmpty() || path.equals("/") ? null : path;
  }

  /** Scheme, host and port only: the client's HTTP transport takes the path as the endpoint. */
  private static URI origin(URI url) {
    return URI.create(url.getScheme() + "://" + url.getRawAuthority());
  }

  /** An absolute http or https URL with a host, nothing else (no user info: credentials come by reference). */
  public static void checkHttpUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "must not carry user info, a query or a fragment (an API key comes from lineage.api_key_env)");
    }
  }

  /** The job name for a dataset of this name: the configured one, else the dataset's. */
  public String jobName(String datasetName) {
    return job != null ? job : datasetName;
  }
}
