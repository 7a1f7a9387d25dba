package io.jxs.embedded;

/**
 * A registered watch: canonical path (or {@code @…} name), token, and whether it was registered with a relative path
 * (then event paths are reported relative to {@code /local/domain/0}).
 */
record Watch(String path, String token, boolean relative) {

    /** The path an event on {@code node} reports to this watch. */
    String eventPath(String node) {
        return relative ? node.substring(Paths.IMPLICIT_PREFIX.length() + 1) : node;
    }

    /** Whether a change of {@code node} concerns this watch ({@code exact}: only a watch on the node itself). */
    boolean matches(String node, boolean exact) {
        if (path.startsWith("@")) {
            return false;
        }
        return exact ? path.equals(node) : Paths.isChild(node, path);
    }
}
