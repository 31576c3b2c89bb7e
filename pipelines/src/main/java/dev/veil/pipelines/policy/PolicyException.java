package dev.veil.pipelines.policy;

/** A policy that cannot be used. The message names the offending key and never quotes secret values. */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }
}
