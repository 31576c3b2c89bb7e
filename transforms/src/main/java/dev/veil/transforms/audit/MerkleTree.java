package dev.veil.transforms.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency, section 2.1), SHA-256: a leaf hashes as
 * SHA-256(0x00 || data), an inner node as SHA-256(0x01 || left || right), n > 1 leaves split at the largest power of
 * two below n, and the empty tree is SHA-256 of nothing. The manifest's leaves are the shards in path order, each
 * leaf's data the shard's path (UTF-8), a zero byte, and the 32 bytes of its SHA-256 ({@link #shardLeaf}).
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** The tree hash of the leaves' data, in order. */
  public static byte[] root(List<byte[]> leaves) {
    return root(leaves, 0, leaves.size());
  }

  private static byte[] root(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return sha256().digest();
    }
    if (n == 1) {
      MessageDigest d = sha256();
      d.update((byte) 0x00);
      d.update(leaves.get(from));
      return d.digest();
    }
    int k = Integer.highestOneBit(n - 1);
    MessageDigest d = sha256();
    d.update((byte) 0x01);
    d.update(root(leaves, from, from + k));
    d.update(root(leaves, from + k, to));
    return d.digest();
  }

  /** A shard's leaf data: its path, a zero byte, its SHA-256 (given as 64 hex digits). */
  public static byte[] shardLeaf(String path, String sha256Hex) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    byte[] h = HexFormat.of().parseHex(sha256Hex);
    byte[] out = new byte[p.length + 1 + h.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(h, 0, out, p.length + 1, h.length);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
