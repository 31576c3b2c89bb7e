package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.common.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The manifest's Ed25519 signature (RFC 8032, Bouncy Castle). The signing key is derived from the policy's
 * {@code signing.key} (any key Veil reads: 32 bytes or more) as HMAC-SHA-256(key, "veil manifest signing key"), so a
 * key file shared with another purpose still signs with a key of its own. The signed message is {@code manifest.json}
 * without its {@code signature} object, in the form {@link ManifestJson#toBytes} writes; the object holds the public
 * key (base64 of its 32 bytes), its id (the first 16 hex digits of its SHA-256) and the signature (base64).
 */
public final class ManifestSignature {
  public static final String FIELD = "signature";
  public static final String ALGORITHM = "Ed25519";
  private static final byte[] CONTEXT = "veil manifest signing key".getBytes(StandardCharsets.UTF_8);

  private final Ed25519PrivateKeyParameters key;

  private ManifestSignature(Ed25519PrivateKeyParameters key) {
    this.key = key;
  }

  /** The signer for key material read from the policy's {@code signing.key}. */
  public static ManifestSignature fromKey(byte[] keyMaterial) {
    Mac mac = Hashes.hmacSha256(keyMaterial);
    return new ManifestSignature(new Ed25519PrivateKeyParameters(mac.doFinal(CONTEXT), 0));
  }

  /** Base64 of the 32-byte public key. */
  public String publicKey() {
    return Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded());
  }

  /** The public key's id: the first 16 hex digits of the SHA-256 of its 32 bytes. */
  public static String keyId(String publicKeyBase64) {
    return Hashes.sha256Hex(Base64.getDecoder().decode(publicKeyBase64)).substring(0, 16);
  }

  /** Replaces any signature with a new one over the rest of the manifest; returns the manifest. */
  public ObjectNode sign(ObjectNode manifest) {
    manifest.remove(FIELD);
    byte[] message = ManifestJson.toBytes(manifest);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    ObjectNode s = manifest.putObject(FIELD);
    s.put("algorithm", ALGORITHM);
    s.put("public_key", publicKey());
    s.put("key_id", keyId(publicKey()));
    s.put("value", Base64.getEncoder().encodeToString(signer.generateSignature()));
    return manifest;
  }

  /**
   * Whether the manifest's signature is valid for the rest of it, under the public key it names. Null when it is;
   * otherwise what is wrong (no signature, an unknown algorithm, a malformed key or signature, a mismatch).
   */
  public static String check(JsonNode manifest) {
    JsonNode s = manifest.path(FIELD);
    if (!s.isObject()) {
      return "the manifest is not signed";
    }
    if (!ALGORITHM.equals(s.path("algorithm").asText())) {
      return "unknown signature algorithm " + s.path("algorithm").asText();
    }
    byte[] pub;
    byte[] sig;
    try {
      pub = Base64.getDecoder().decode(s.path("public_key").asText());
      sig = Base64.getDecoder().decode(s.path("value").asText());
    } catch (IllegalArgumentException e) {
      return "the signature's public key or value is not base64";
    }
    if (pub.length != Ed25519PublicKeyParameters.KEY_SIZE || sig.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return "the signature's public key or value has the wrong length";
    }
    ObjectNode rest = ((ObjectNode) manifest).deepCopy();
    rest.remove(FIELD);
    byte[] message = ManifestJson.toBytes(rest);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(pub, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(sig) ? null : "the signature does not match the manifest";
  }
}
