package org.nativeipc.codec;

import static org.nativeipc.codec.WireFormat.*;

/** Arrays of primitives other than {@code byte[]}: a tag, the length, the elements raw and fixed width. */
final class PrimitiveArrays {
    private PrimitiveArrays() {
    }

    static void write(ValueKind kind, Object array, CodecOutput out) {
        switch (kind) {
            case INT_ARRAY -> {
                int[] a = (int[]) array;
                start(out, INT_ARRAY, a.length);
                for (int v : a) {
                    out.writeInt(v);
                }
            }
            case LONG_ARRAY -> {
                long[] a = (long[]) array;
                start(out, LONG_ARRAY, a.length);
                for (long v : a) {
                    out.writeLong(v);
                }
            }
            case DOUBLE_ARRAY -> {
                double[] a = (double[]) array;
                start(out, DOUBLE_ARRAY, a.length);
                for (double v : a) {
                    out.writeLong(Double.doubleToRawLongBits(v));
                }
            }
            case FLOAT_ARRAY -> {
                float[] a = (float[]) array;
                start(out, FLOAT_ARRAY, a.length);
                for (float v : a) {
                    out.writeInt(Float.floatToRawIntBits(v));
                }
            }
            case SHORT_ARRAY -> {
                short[] a = (short[]) array;
                start(out, SHORT_ARRAY, a.length);
                for (short v : a) {
                    out.writeShort(v);
                }
            }
            case CHAR_ARRAY -> {
                char[] a = (char[]) array;
                start(out, CHAR_ARRAY, a.length);
                for (char v : a) {
                    out.writeShort(v);
                }
            }
            case BOOLEAN_ARRAY -> {
                boolean[] a = (boolean[]) array;
                start(out, BOOLEAN_ARRAY, a.length);
                for (boolean v : a) {
                    out.writeByte(v ? 1 : 0);
                }
            }
            default -> throw new IllegalStateException(kind + " is not an array of primitives");
        }
    }

    private static void start(CodecOutput out, byte tag, int length) {
        out.writeByte(tag);
        out.writeVarint(length);
    }

    /** Reads the array after {@code tag}; its declared length must fit in the bytes that follow. */
    static Object read(byte tag, ValueReader in) {
        switch (tag) {
            case INT_ARRAY: {
                int[] a = new int[in.count(Integer.BYTES)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawInt();
                }
                return a;
            }
            case LONG_ARRAY: {
                long[] a = new long[in.count(Long.BYTES)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawLong();
                }
                return a;
            }
            case DOUBLE_ARRAY: {
                double[] a = new double[in.count(Double.BYTES)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawDouble();
                }
                return a;
            }
            case FLOAT_ARRAY: {
                float[] a = new float[in.count(Float.BYTES)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawFloat();
                }
                return a;
            }
            case SHORT_ARRAY: {
                short[] a = new short[in.count(Short.BYTES)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawShort();
                }
                return a;
            }
            case CHAR_ARRAY: {
                char[] a = new char[in.count(Character.BYTES)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawChar();
                }
                return a;
            }
            case BOOLEAN_ARRAY: {
                boolean[] a = new boolean[in.count(1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.rawBoolean();
                }
                return a;
            }
            default:
                throw new IllegalStateException("tag " + tag + " is not an array of primitives");
        }
    }
}
