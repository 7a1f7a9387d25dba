package io.jxs.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The domains the daemon knows: dom0 from the start, others from INTRODUCE until RELEASE. There is no hypervisor and no
 * shared ring, so an introduced domain never talks; it exists for domain paths, permissions and the special watches.
 */
final class Domains {

    /** The id a domain uses for itself ({@code DOMID_SELF}). */
    static final int DOMID_SELF = 0x7FF0;

    private final Map<Integer, Integer> targets = new LinkedHashMap<>();

    Domains() {
        targets.put(0, -1);
    }

    boolean isIntroduced(int domid) {
        return targets.containsKey(domid);
    }

    /** Returns true if the domain is new (then {@code @introduceDomain} fires). */
    boolean introduce(int domid) {
        return targets.putIfAbsent(domid, -1) == null;
    }

    void release(int domid) {
        targets.remove(domid);
    }

    void setTarget(int domid, int target) {
        targets.put(domid, target);
    }

    /** The domain another one acts for (SET_TARGET), or -1. */
    int target(int domid) {
        return targets.getOrDefault(domid, -1);
    }
}
