package io.huvr.kafka;

/** {@code java io.huvr.kafka.DecodeWorkerMain [worker.properties]}: decodes {@code .huvr} records to PNG. */
public final class DecodeWorkerMain {
    private DecodeWorkerMain() {
    }

    public static void main(String[] args) {
        System.exit(WorkerMain.run("DecodeWorkerMain", args, StreamWorker::decoder));
    }
}
