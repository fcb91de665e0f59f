#include "D2cEventGenerator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>

// Generates N events (default 1,000,000), runs `preflight-cli validate --summary-only` on them and prints
// events/s, MB/s and the child's peak RSS. Usage: BenchValidate [COUNT] [PLAN]
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const long long count = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const QString plan = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.jsonl"));
    {
        std::FILE *out = std::fopen(path.toLocal8Bit().constData(), "wb");
        D2cEventGenerator generator;
        for (long long i = 0; i < count; ++i) {
            const std::string line = generator.next();
            std::fwrite(line.data(), 1, line.size(), out);
        }
        std::fclose(out);
    }
    const double megabytes = double(QFileInfo(path).size()) / 1e6;
    std::printf("events: %lld  file: %.1f MB\n", count, megabytes);
    // Wall time depends on what else the machine runs; CPU time (user + sys) is the steadier figure.
    const auto measure = [&](const char *label, const QString &program, const QStringList &arguments) {
        rusage before{};
        getrusage(RUSAGE_CHILDREN, &before);
        QProcess process;
        process.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer timer;
        timer.start();
        process.start(program, arguments);
        process.waitForFinished(-1);
        const double wall = double(timer.nsecsElapsed()) / 1e9;
        rusage after{};
        getrusage(RUSAGE_CHILDREN, &after);
        const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
        const double user = seconds(after.ru_utime) - seconds(before.ru_utime);
        const double system = seconds(after.ru_stime) - seconds(before.ru_stime);
        const double cpu = user + system;
        std::printf("%s: exit %d, wall %.2f s (%.0f events/s, %.1f MB/s), cpu %.2f s = user %.2f s + sys %.2f s "
                    "(%.0f events/s, %.1f MB/s), peak RSS %.1f MiB\n",
                    label, process.exitCode(), wall, double(count) / wall, megabytes / wall, cpu, user, system,
                    double(count) / cpu, megabytes / cpu, double(after.ru_maxrss) / 1024.0);
        return cpu;
    };
    const double ours = measure("preflight-cli validate", QStringLiteral(PREFLIGHT_CLI_PATH),
                                {QStringLiteral("validate"), QStringLiteral("--summary-only"), plan, path});
    // With AJV_DIR set (a folder where `npm install ajv@8` ran), validate the same file with ajv too.
    const QString ajvDir = qEnvironmentVariable("AJV_DIR");
    if (ajvDir.isEmpty())
        return 0;
    const QString schemaDir = dir.filePath(QStringLiteral("schema07"));
    QProcess::execute(QStringLiteral(PREFLIGHT_CLI_PATH),
                      {QStringLiteral("export"), plan, QStringLiteral("--format"), QStringLiteral("jsonschema"),
                       QStringLiteral("--draft"), QStringLiteral("07"), QStringLiteral("--out"), schemaDir});
    qputenv("NODE_PATH", (ajvDir + QStringLiteral("/node_modules")).toLocal8Bit());
    const double ajv = measure("ajv (node)", QStringLiteral("node"),
                               {QStringLiteral(PREFLIGHT_BENCH_DIR "/ajv-validate.js"),
                                schemaDir + QStringLiteral("/bundle.schema.json"), path});
    std::printf("preflight-cli is %.1fx ajv by cpu time\n", ajv / ours);
    return 0;
}
