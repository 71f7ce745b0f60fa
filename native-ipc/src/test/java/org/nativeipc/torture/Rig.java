package org.nativeipc.torture;

import java.io.Serializable;
import java.util.List;
import java.util.Random;

/**
 * One kind of shared object under torture: the roles that use it (each a thread in some host
 * process the driver kills at random), what the driver records when a role is killed, and what
 * it checks at the end. Serializable: hosts receive the rig, with its shared objects as handles.
 */
abstract class Rig implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Rig counter: unexpected exceptions in roles (each also printed to the host's stderr). */
    static final int ERRORS = 4;

    final String name;
    /** Row of this rig's counters in the {@link Ledger}. */
    final int index;

    Rig(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /** The roles to run in hosts; their slots are assigned by {@link #placeRoles}. */
    abstract List<Role> roles();

    /** Gives the roles their ledger slots, from {@code firstSlot} on; returns the next free slot. */
    int placeRoles(int firstSlot) {
        int slot = firstSlot;
        for (Role role : roles()) {
            role.slot = slot++;
        }
        return slot;
    }

    /** Roles of this rig killed so far (driver side). */
    private transient int kills;

    /** Driver side, once the host running {@code role} was killed and before it is replaced. */
    synchronized void onKilled(Ledger ledger, Role role) {
        kills++;
    }

    /** How many of this rig's roles were killed (driver side). */
    final synchronized int kills() {
        return kills;
    }

    /** Counts a broken promise in the ledger and says what it was on the host's stderr. */
    final void violation(Ledger ledger, String what) {
        ledger.addRig(index, Ledger.VIOLATIONS, 1);
        System.err.println("torture " + what);
    }

    /** Driver side, after every host stopped: drain, check, and report. */
    abstract void finish(Ledger ledger, Verdict verdict) throws Exception;

    /** Closes the rig's shared objects (driver, at the very end). */
    abstract void close();

    /** One role: a loop over the rig's shared object until the ledger says stop. */
    abstract static class Role implements Serializable {
        private static final long serialVersionUID = 1L;
        final Rig rig;
        final String kind;
        int slot = -1;

        Role(Rig rig, String kind) {
            this.rig = rig;
            this.kind = kind;
        }

        abstract void run(Ledger ledger, Random random) throws Exception;

        @Override
        public String toString() {
            return rig.name + " " + kind + " (slot " + slot + ")";
        }
    }
}
