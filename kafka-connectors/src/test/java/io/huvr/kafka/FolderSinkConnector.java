package io.huvr.kafka;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A sink connector for the tests: writes each record's byte value to a file of the {@code folder} setting, named
 * after the record's key. Files appear whole (written aside, then moved), so a reader never sees half of one.
 */
public final class FolderSinkConnector extends SinkConnector {
    static final String FOLDER = "folder";
    private static final ConfigDef CONFIG = new ConfigDef()
            .define(FOLDER, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Folder the values are written to.");

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> props) {
        settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FolderSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, settings);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    /** Writes the values; see {@link FolderSinkConnector}. */
    public static final class FolderSinkTask extends SinkTask {
        private Path folder;

        @Override
        public void start(Map<String, String> props) {
            folder = Path.of(props.get(FOLDER));
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            for (SinkRecord record : records) {
                byte[] value = (byte[]) record.value();
                Path target = folder.resolve(String.valueOf(record.key()));
                Path partial = folder.resolve(target.getFileName() + ".partial");
                try {
                    Files.write(partial, value);
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new ConnectException("writing " + target + " failed", e);
                }
            }
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return AppInfoParser.getVersion();
        }
    }
}
