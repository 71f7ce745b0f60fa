package org.nativeipc.torture;

import static org.nativeipc.torture.Ledger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nativeipc.shared.SharedMap;

/**
 * A {@link SharedMap} under fire. Writers put, replace and remove entries of their own keys,
 * whose values check themselves (they name their key and carry a checksum, and their lengths
 * vary so a half-copied slot shows), and add to one shared count with {@code compute}, then
 * count that step in their ledger slot. Every value any writer reads must be whole and belong
 * to its key. At the end the map is quiet: every entry is whole, {@code size()} equals what
 * iteration finds, and the count lies between the steps counted and that plus the writers
 * killed.
 */
final class MapRig extends Rig {
    private static final long serialVersionUID = 1L;
    private static final int KEYS_PER_WRITER = 8;
    private static final int MAX_PADDING = 120;
    private static final String COUNT_KEY = "count";
    private static final long MAX_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(300);

    private final SharedMap<String, String> map;
    private final List<Role> roles = new ArrayList<>();

    MapRig(int index, int writers) {
        super("shared map", index);
        this.map = SharedMap.create(writers * KEYS_PER_WRITER + 1);
        for (int i = 0; i < writers; i++) {
            roles.add(new Writer(this));
        }
    }

    @Override
    List<Role> roles() {
        return roles;
    }

    static String key(int slot, int k) {
        return "w" + slot + "." + k;
    }

    /** A value for {@code key}: the key, a round, padding of a length that varies, a checksum. */
    static String value(String key, long round) {
        String body = key + ":" + round + ":" + "x".repeat((int) (round % MAX_PADDING));
        return body + "#" + Integer.toHexString(body.hashCode());
    }

    /** Whether {@code value} is whole and was written for {@code key}. */
    static boolean belongsTo(String key, String value) {
        int hash = value.lastIndexOf('#');
        if (hash < 0 || !value.startsWith(key + ":")) {
            return false;
        }
        String body = value.substring(0, hash);
        return value.substring(hash + 1).equals(Integer.toHexString(body.hashCode()));
    }

    private static final class Writer extends Role {
        private static final long serialVersionUID = 1L;

        Writer(MapRig rig) {
            super(rig, "writer");
        }

        @Override
        void run(Ledger ledger, Random random) throws Exception {
            MapRig m = (MapRig) rig;
            long round = ledger.role(slot, NEXT);
            while (!ledger.stopped()) {
                String key = key(slot, random.nextInt(KEYS_PER_WRITER));
                ledger.setRole(slot, NEXT, ++round);
                switch (random.nextInt(4)) {
                    case 0 -> m.map.put(key, value(key, round));
                    case 1 -> m.map.remove(key);
                    case 2 -> {
                        String old = m.map.get(key);
                        if (old != null) {
                            m.map.replace(key, old, value(key, round));
                        }
                    }
                    default -> {
                        m.map.compute(COUNT_KEY, (k, v) -> v == null ? "1" : Long.toString(Long.parseLong(v) + 1));
                        ledger.setRole(slot, DONE, ledger.role(slot, DONE) + 1);
                    }
                }
                String someKey = key(m.roles.get(random.nextInt(m.roles.size())).slot, random.nextInt(KEYS_PER_WRITER));
                String seen = m.map.get(someKey);
                if (seen != null && !belongsTo(someKey, seen)) {
                    m.violation(ledger, this + ": " + someKey + " maps to a damaged or foreign value '" + seen + "'");
                }
                ledger.addRig(m.index, OPS, 1);
                LockSupport.parkNanos(random.nextLong(MAX_PAUSE_NANOS));
            }
        }
    }

    @Override
    void finish(Ledger ledger, Verdict verdict) {
        int iterated = 0;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            iterated++;
            if (!entry.getKey().equals(COUNT_KEY)) {
                verdict.check(belongsTo(entry.getKey(), entry.getValue()), name + ": entry " + entry.getKey() + " = '"
                        + entry.getValue() + "' is damaged or foreign");
            }
        }
        int size = map.size();
        verdict.check(size == iterated, name + ": size() says " + size + " but iteration found " + iterated + " entries");
        long counted = 0;
        for (Role role : roles) {
            counted += ledger.role(role.slot, DONE);
        }
        String count = map.get(COUNT_KEY);
        long total = count == null ? 0 : Long.parseLong(count);
        verdict.check(total >= counted && total <= counted + kills(), name + ": the count is " + total + " after " + counted
                + " counted computes and " + kills() + " writer kills");
        long violations = ledger.rig(index, VIOLATIONS);
        verdict.check(violations == 0, name + ": " + violations + " damaged values seen (see the hosts' stderr)");
        verdict.figure(String.format("%s: %d operations, %d entries at the end, count %d (%d counted), %d writer kills,"
                + " %d violations; %s", name, ledger.rig(index, OPS), size, total, counted, kills(), violations, map));
    }

    @Override
    void close() {
        map.close();
    }
}
