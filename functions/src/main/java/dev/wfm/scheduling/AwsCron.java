package dev.wfm.scheduling;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The EventBridge cron dialect: six fields {@code Minutes Hours Day-of-month Month Day-of-week
 * Year}, no seconds; {@code ?} in exactly one of the two day fields; {@code L} and {@code W} in
 * day-of-month, {@code L} and {@code #} in day-of-week; days of the week 1-7 = SUN-SAT (or
 * SUN..SAT), months 1-12 (or JAN..DEC); years 1970-2199. cron-utils' Quartz definition is close
 * but has a seconds field, so this is its own definition rather than a string rewrite.
 */
final class AwsCron {
    static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL().supportsQuestionMark().and()
            .withYear().withValidRange(1970, 2199).withStrictRange().and()
            .instance();

    private static final CronParser PARSER = new CronParser(DEFINITION);

    private AwsCron() {}

    /** The six fields parsed; IllegalArgumentException naming the problem otherwise. */
    static Cron parse(String fields) {
        String[] parts = fields.strip().split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("cron(...) needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), but has "
                    + parts.length + ": '" + fields.strip() + "'");
        }
        boolean dayOfMonthAsked = parts[2].equals("?");
        boolean dayOfWeekAsked = parts[4].equals("?");
        if (dayOfMonthAsked == dayOfWeekAsked) {
            throw new IllegalArgumentException("cron(...) needs '?' in exactly one of Day-of-month and Day-of-week, but has '"
                    + parts[2] + "' and '" + parts[4] + "'; for every day write '* * ? *' or '? * * *' there");
        }
        try {
            Cron cron = PARSER.parse(String.join(" ", parts));
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cron expression '" + fields.strip() + "': " + e.getMessage(), e);
        }
    }
}
