package io.github.camelaliyun.vod.aijob.reliability;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Turns every logger up to TRACE, except those named (kept at INFO), and keeps all that is logged (with stack
 * traces) until closed; the other appenders (the console) still get only what they got before.
 */
public final class LogCapture implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender appender;
    private final Level previousRoot;

    public LogCapture(String... keptAtInfo) {
        this(Level.TRACE, keptAtInfo);
    }

    /**
     * Keeps what is logged at the levels the test configuration sets (WARN, INFO for this project), without raising
     * any logger: for tests that look for an ERROR without flooding the console with TRACE lines.
     */
    public static LogCapture atConfiguredLevels() {
        return new LogCapture((Level) null);
    }

    /**
     * Turns every logger up to {@code level} (INFO, say), for tests of what is printed at the level a production
     * system runs at.
     */
    public static LogCapture at(Level level) {
        return new LogCapture(level);
    }

    private LogCapture(Level raiseTo, String... keptAtInfo) {
        Configuration config = context.getConfiguration();
        for (String name : keptAtInfo) {
            config.addLogger(name, LoggerConfig.newBuilder().withLoggerName(name).withLevel(Level.INFO)
                    .withAdditivity(true).withConfig(config).build());
        }
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger - %msg%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        previousRoot = root.getLevel();
        // the appenders already there (the console) keep the level they had: TRACE is for the capture only
        for (Appender existing : List.copyOf(root.getAppenders().values())) {
            root.removeAppender(existing.getName());
            root.addAppender(existing, previousRoot, null);
        }
        root.addAppender(appender, Level.ALL, null);
        if (raiseTo == null) {
            context.updateLoggers();
            return;
        }
        root.setLevel(raiseTo);
        // the loggers the test configuration names keep their own level unless raised too
        config.getLoggers().values().forEach(logger -> {
            if (!Arrays.asList(keptAtInfo).contains(logger.getName())) {
                logger.setLevel(raiseTo);
            }
        });
        context.updateLoggers();
    }

    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getRootLogger().setLevel(previousRoot);
        context.reconfigure();
        appender.stop();
    }
}
