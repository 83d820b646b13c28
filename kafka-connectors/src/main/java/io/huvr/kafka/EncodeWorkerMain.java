package io.huvr.kafka;

/** {@code java io.huvr.kafka.EncodeWorkerMain [worker.properties]}: encodes raw image records to {@code .huvr}. */
public final class EncodeWorkerMain {
    private EncodeWorkerMain() {
    }

    public static void main(String[] args) {
        System.exit(WorkerMain.run("EncodeWorkerMain", args, StreamWorker::encoder));
    }
}
