package org.nativeipc.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads shape texts ({@link TypeSchema#shape()}) and says how two differ, for the error a
 * process gets when a sender's record or enum is not the same version as its own: which
 * components or constants were added, removed, retyped or reordered, in which class.
 */
final class ShapeDiff {
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final int MAX_QUOTED_CHARS = 200;

    private ShapeDiff() {
    }

    /** The class name a shape starts with, or null if the text is not a shape. */
    static String rootName(String shape) {
        String name = nameOf(firstDeclaration(shape));
        return name != null && CLASS_NAME.matcher(name).matches() ? name : null;
    }

    /** {@code text}, cut to a length fit for an error message. */
    static String abbreviate(String text) {
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    /** The error text for a record or enum {@code name} whose shape in the sender differs from this process's. */
    static String describe(String name, String senderShape, String localShape) {
        Map<String, String> sender = declarations(senderShape);
        Map<String, String> local = declarations(localShape);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> here : local.entrySet()) {
            String theirs = sender.get(here.getKey());
            if (theirs == null) {
                differences.add(here.getKey() + " is not part of the sender's " + name);
            } else if (!theirs.equals(here.getValue())) {
                compare(here.getKey(), theirs, here.getValue(), differences);
            }
        }
        for (String theirs : sender.keySet()) {
            if (!local.containsKey(theirs)) {
                differences.add("the sender's " + name + " holds a " + theirs + ", this process's does not");
            }
        }
        if (differences.isEmpty()) {
            differences.add("the message's fingerprint does not match its shape (the message is corrupt)");
        }
        return "the sender's version of " + name + " differs from this process's: " + String.join("; ", differences)
                + ". Run the same version of " + name + " in every process that uses the queue (sender's: "
                + abbreviate(firstDeclaration(senderShape)) + "; this process's: " + abbreviate(firstDeclaration(localShape)) + ")";
    }

    private static void compare(String type, String theirs, String ours, List<String> into) {
        boolean theirsRecord = theirs.endsWith(")");
        boolean oursRecord = ours.endsWith(")");
        if (theirsRecord != oursRecord) {
            into.add(type + " is " + (theirsRecord ? "a record" : "an enum") + " in the sender and " + (oursRecord ? "a record" : "an enum") + " here");
            return;
        }
        String what = oursRecord ? "component" : "constant";
        Map<String, String> t = members(body(theirs), oursRecord);
        Map<String, String> o = members(body(ours), oursRecord);
        int before = into.size();
        for (Map.Entry<String, String> m : o.entrySet()) {
            String theirType = t.get(m.getKey());
            if (theirType == null) {
                into.add(what + " " + quoted(m.getKey(), m.getValue()) + " of " + type + " is missing in the sender's version");
            } else if (!theirType.equals(m.getValue())) {
                into.add(what + " '" + m.getKey() + "' of " + type + " is " + theirType + " in the sender's version and " + m.getValue() + " here");
            }
        }
        for (Map.Entry<String, String> m : t.entrySet()) {
            if (!o.containsKey(m.getKey())) {
                into.add(what + " " + quoted(m.getKey(), m.getValue()) + " of " + type + " exists only in the sender's version");
            }
        }
        if (into.size() == before) {
            into.add(what + "s of " + type + " are in another order (sender's: " + String.join(", ", t.keySet()) + "; here: "
                    + String.join(", ", o.keySet()) + ")");
        }
    }

    private static String quoted(String name, String type) {
        return "'" + name + "'" + (type.isEmpty() ? "" : " (" + type + ")");
    }

    /** Declarations by class name, in shape order. */
    private static Map<String, String> declarations(String shape) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String d : shape.split(";")) {
            String name = nameOf(d);
            if (name != null) {
                byName.putIfAbsent(name, d);
            }
        }
        return byName;
    }

    /** A record's components (name to type) or an enum's constants (name to ""), in order. */
    private static Map<String, String> members(String body, boolean record) {
        Map<String, String> members = new LinkedHashMap<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String member = body.substring(from, i).trim();
                from = i + 1;
                if (member.isEmpty()) {
                    continue;
                }
                int space = member.lastIndexOf(' ');
                if (record && space > 0) {
                    members.putIfAbsent(member.substring(space + 1), member.substring(0, space));
                } else {
                    members.putIfAbsent(member, "");
                }
            }
        }
        return members;
    }

    private static String firstDeclaration(String shape) {
        int semicolon = shape.indexOf(';');
        return semicolon < 0 ? shape : shape.substring(0, semicolon);
    }

    private static String nameOf(String declaration) {
        int open = indexOfOpen(declaration);
        return open > 0 ? declaration.substring(0, open) : null;
    }

    private static String body(String declaration) {
        int open = indexOfOpen(declaration);
        return open < 0 || open + 2 > declaration.length() ? "" : declaration.substring(open + 1, declaration.length() - 1);
    }

    private static int indexOfOpen(String declaration) {
        int paren = declaration.indexOf('(');
        int brace = declaration.indexOf('{');
        return paren < 0 ? brace : brace < 0 ? paren : Math.min(paren, brace);
    }
}
