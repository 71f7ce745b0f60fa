package org.nativeipc.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * The JDK value types the {@link DefaultCodec} writes by their fields (no Java serialization):
 * {@code UUID}, {@code BigInteger}, {@code BigDecimal} and the {@code java.time} values. Each
 * reads back through the type's own factory ({@code LocalDate.ofEpochDay}, ...), which
 * validates what it is given.
 *
 * <pre>
 * UUID             int64 most, int64 least          BIG_INTEGER   varint(n) n*byte (two's complement)
 * BIG_DECIMAL      int32 scale, then as BIG_INTEGER  INSTANT, DURATION  int64 seconds, int32 nanos
 * LOCAL_DATE       int64 epoch day                   LOCAL_TIME    int64 nano of day
 * LOCAL_DATE_TIME  LOCAL_DATE LOCAL_TIME             OFFSET_*      the local value, int32 offset seconds
 * ZONED_DATE_TIME  LOCAL_DATE_TIME, int32 offset seconds, zone id as STRING body
 * ZONE_OFFSET      int32 seconds                     ZONE_ID       zone id as STRING body
 * PERIOD           int32 years, months, days         YEAR          int32
 * YEAR_MONTH       int32 year, int32 month           MONTH_DAY     int32 month, int32 day
 * </pre>
 */
final class JdkValues {
    /** The types, in tag order from {@link WireFormat#FIRST_JDK_VALUE}. */
    private enum Type {
        UNIQUE_ID(UUID.class), BIG_INTEGER(BigInteger.class), BIG_DECIMAL(BigDecimal.class), INSTANT(Instant.class),
        DURATION(Duration.class), LOCAL_DATE(LocalDate.class), LOCAL_TIME(LocalTime.class), LOCAL_DATE_TIME(LocalDateTime.class),
        OFFSET_DATE_TIME(OffsetDateTime.class), OFFSET_TIME(OffsetTime.class), ZONED_DATE_TIME(ZonedDateTime.class),
        ZONE_OFFSET(ZoneOffset.class), ZONE_ID(ZoneId.class), PERIOD(Period.class), YEAR(Year.class),
        YEAR_MONTH(YearMonth.class), MONTH_DAY(MonthDay.class);

        static final Type[] ALL = values();
        final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }
    }

    private JdkValues() {
    }

    /** The tag of {@code type}, or -1 if it is not one of these (a subclass of BigInteger is not). */
    static int tagOf(Class<?> type) {
        for (Type t : Type.ALL) {
            if (t.javaType == type) {
                return WireFormat.FIRST_JDK_VALUE + t.ordinal();
            }
        }
        return ZoneId.class.isAssignableFrom(type) ? WireFormat.FIRST_JDK_VALUE + Type.ZONE_ID.ordinal() : -1;
    }

    /** True if {@code tag} is one of these types' tags. */
    static boolean isJdkTag(int tag) {
        return tag >= WireFormat.FIRST_JDK_VALUE && tag < WireFormat.FIRST_JDK_VALUE + Type.ALL.length;
    }

    static void write(int tag, Object v, CodecOutput out) {
        out.writeByte(tag);
        switch (Type.ALL[tag - WireFormat.FIRST_JDK_VALUE]) {
            case UNIQUE_ID -> {
                out.writeLong(((UUID) v).getMostSignificantBits());
                out.writeLong(((UUID) v).getLeastSignificantBits());
            }
            case BIG_INTEGER -> writeBytes(((BigInteger) v).toByteArray(), out);
            case BIG_DECIMAL -> {
                out.writeInt(((BigDecimal) v).scale());
                writeBytes(((BigDecimal) v).unscaledValue().toByteArray(), out);
            }
            case INSTANT -> writeSeconds(((Instant) v).getEpochSecond(), ((Instant) v).getNano(), out);
            case DURATION -> writeSeconds(((Duration) v).getSeconds(), ((Duration) v).getNano(), out);
            case LOCAL_DATE -> out.writeLong(((LocalDate) v).toEpochDay());
            case LOCAL_TIME -> out.writeLong(((LocalTime) v).toNanoOfDay());
            case LOCAL_DATE_TIME -> writeDateTime((LocalDateTime) v, out);
            case OFFSET_DATE_TIME -> {
                writeDateTime(((OffsetDateTime) v).toLocalDateTime(), out);
                out.writeInt(((OffsetDateTime) v).getOffset().getTotalSeconds());
            }
            case OFFSET_TIME -> {
                out.writeLong(((OffsetTime) v).toLocalTime().toNanoOfDay());
                out.writeInt(((OffsetTime) v).getOffset().getTotalSeconds());
            }
            case ZONED_DATE_TIME -> {
                ZonedDateTime z = (ZonedDateTime) v;
                writeDateTime(z.toLocalDateTime(), out);
                out.writeInt(z.getOffset().getTotalSeconds());
                ValueWriter.writeStringBody(z.getZone().getId(), out);
            }
            case ZONE_OFFSET -> out.writeInt(((ZoneOffset) v).getTotalSeconds());
            case ZONE_ID -> ValueWriter.writeStringBody(((ZoneId) v).getId(), out);
            case PERIOD -> {
                out.writeInt(((Period) v).getYears());
                out.writeInt(((Period) v).getMonths());
                out.writeInt(((Period) v).getDays());
            }
            case YEAR -> out.writeInt(((Year) v).getValue());
            case YEAR_MONTH -> {
                out.writeInt(((YearMonth) v).getYear());
                out.writeInt(((YearMonth) v).getMonthValue());
            }
            case MONTH_DAY -> {
                out.writeInt(((MonthDay) v).getMonthValue());
                out.writeInt(((MonthDay) v).getDayOfMonth());
            }
        }
    }

    static Object read(int tag, ValueReader in) {
        Type type = Type.ALL[tag - WireFormat.FIRST_JDK_VALUE];
        try {
            return switch (type) {
                case UNIQUE_ID -> new UUID(in.rawLong(), in.rawLong());
                case BIG_INTEGER -> readBigInteger(in);
                case BIG_DECIMAL -> {
                    int scale = in.rawInt();
                    yield new BigDecimal(readBigInteger(in), scale);
                }
                case INSTANT -> Instant.ofEpochSecond(in.rawLong(), in.rawInt());
                case DURATION -> Duration.ofSeconds(in.rawLong(), in.rawInt());
                case LOCAL_DATE -> LocalDate.ofEpochDay(in.rawLong());
                case LOCAL_TIME -> LocalTime.ofNanoOfDay(in.rawLong());
                case LOCAL_DATE_TIME -> readDateTime(in);
                case OFFSET_DATE_TIME -> OffsetDateTime.of(readDateTime(in), ZoneOffset.ofTotalSeconds(in.rawInt()));
                case OFFSET_TIME -> OffsetTime.of(LocalTime.ofNanoOfDay(in.rawLong()), ZoneOffset.ofTotalSeconds(in.rawInt()));
                case ZONED_DATE_TIME -> {
                    LocalDateTime local = readDateTime(in);
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.rawInt());
                    yield ZonedDateTime.ofLocal(local, ZoneId.of(in.string()), offset);
                }
                case ZONE_OFFSET -> ZoneOffset.ofTotalSeconds(in.rawInt());
                case ZONE_ID -> ZoneId.of(in.string());
                case PERIOD -> Period.of(in.rawInt(), in.rawInt(), in.rawInt());
                case YEAR -> Year.of(in.rawInt());
                case YEAR_MONTH -> YearMonth.of(in.rawInt(), in.rawInt());
                case MONTH_DAY -> MonthDay.of(in.rawInt(), in.rawInt());
            };
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw in.corrupt("a " + type.javaType.getSimpleName() + " (" + e.getMessage() + ")");
        }
    }

    private static void writeBytes(byte[] bytes, CodecOutput out) {
        out.writeVarint(bytes.length);
        out.writeBytes(bytes, 0, bytes.length);
    }

    private static BigInteger readBigInteger(ValueReader in) {
        byte[] bytes = in.bytes();
        if (bytes.length == 0) {
            throw in.corrupt("a BigInteger of no bytes");
        }
        return new BigInteger(bytes);
    }

    private static void writeSeconds(long seconds, int nanos, CodecOutput out) {
        out.writeLong(seconds);
        out.writeInt(nanos);
    }

    private static void writeDateTime(LocalDateTime t, CodecOutput out) {
        out.writeLong(t.toLocalDate().toEpochDay());
        out.writeLong(t.toLocalTime().toNanoOfDay());
    }

    private static LocalDateTime readDateTime(ValueReader in) {
        return LocalDateTime.of(LocalDate.ofEpochDay(in.rawLong()), LocalTime.ofNanoOfDay(in.rawLong()));
    }
}
