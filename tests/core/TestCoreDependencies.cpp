// Each core folder includes only the folders its CMake block declares (core/CMakeLists.txt writes the
// declared graph to core-dependencies.txt at configure time), and the graph has no cycle.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <map>
#include <set>

namespace {

using Graph = std::map<QString, std::set<QString>>;

Graph declaredGraph()
{
    Graph graph;
    QFile file(QStringLiteral(PREFLIGHT_BINARY_DIR "/core-dependencies.txt"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return graph;
    static const QRegularExpression folderTarget(QStringLiteral("^preflight_([a-z]+)$"));
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype colon = line.indexOf(u':');
        if (colon < 0)
            continue;
        std::set<QString> &depends = graph[line.left(colon)];
        for (const QString &target : line.mid(colon + 1).split(u' ', Qt::SkipEmptyParts)) {
            const auto match = folderTarget.match(target);
            if (match.hasMatch())
                depends.insert(match.captured(1));
        }
    }
    return graph;
}

// folder -> folder it includes -> the first file that does.
std::map<QString, std::map<QString, QString>> includedFolders(const QString &coreDir)
{
    std::map<QString, std::map<QString, QString>> used;
    static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s+\"([a-z]+)/"),
                                            QRegularExpression::MultilineOption);
    QDirIterator files(coreDir, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        const QString folder = QDir(coreDir).relativeFilePath(path).section(u'/', 0, 0);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        for (auto it = include.globalMatch(text); it.hasNext();) {
            const QString target = it.next().captured(1);
            if (target != folder)
                used[folder].try_emplace(target, QDir(coreDir).relativeFilePath(path));
        }
    }
    return used;
}

bool reaches(const Graph &graph, const QString &from, const QString &to, std::set<QString> &seen)
{
    const auto node = graph.find(from);
    if (node == graph.end())
        return false;
    for (const QString &next : node->second) {
        if (next == to || (seen.insert(next).second && reaches(graph, next, to, seen)))
            return true;
    }
    return false;
}

} // namespace

class TestCoreDependencies : public QObject
{
    Q_OBJECT
private slots:
    void everyFolderIsALibrary()
    {
        const Graph graph = declaredGraph();
        QVERIFY2(!graph.empty(), "core-dependencies.txt is missing or empty");
        const QDir core(QStringLiteral(PREFLIGHT_SOURCE_DIR "/core"));
        for (const QString &folder : core.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(graph.count(folder), qPrintable(folder + " has no preflight_core_library block"));
    }

    void foldersIncludeOnlyWhatTheyDeclare()
    {
        const Graph graph = declaredGraph();
        QStringList undeclared;
        for (const auto &[folder, targets] : includedFolders(QStringLiteral(PREFLIGHT_SOURCE_DIR "/core"))) {
            const auto declared = graph.find(folder);
            for (const auto &[target, file] : targets) {
                if (declared == graph.end() || !declared->second.count(target))
                    undeclared << QStringLiteral("%1 includes %2/ without depending on preflight_%2")
                                      .arg(file, target);
            }
        }
        QVERIFY2(undeclared.isEmpty(), qPrintable(undeclared.join(u'\n')));
    }

    void theGraphHasNoCycle()
    {
        const Graph graph = declaredGraph();
        for (const auto &[folder, depends] : graph) {
            std::set<QString> seen;
            QVERIFY2(!reaches(graph, folder, folder, seen), qPrintable(folder + " depends on itself"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCoreDependencies)
#include "TestCoreDependencies.moc"
