#include "JsonTreeModel.h"

#include "Theme.h"
#include "api/Limits.h"

#include <QBrush>

#include <algorithm>
#include <cmath>
#include <functional>

namespace preflight::ui {

struct JsonTreeModel::Node {
    Node *parent = nullptr;
    int row = 0;
    std::string key; // object member name; empty for array items and the root
    Json value;      // scalars only; containers hold their members in `children`
    bool object = false;
    bool array = false;
    std::vector<std::unique_ptr<Node>> children;

    bool isContainer() const { return object || array; }

    static std::unique_ptr<Node> from(const Json &json, Node *parent, int row, std::string key)
    {
        auto node = std::make_unique<Node>();
        node->parent = parent;
        node->row = row;
        node->key = std::move(key);
        if (json.is_object()) {
            node->object = true;
            int i = 0;
            for (const auto &[name, member] : json.items())
                node->children.push_back(from(member, node.get(), i++, name));
        } else if (json.is_array()) {
            node->array = true;
            for (std::size_t i = 0; i < json.size(); ++i)
                node->children.push_back(from(json[i], node.get(), int(i), {}));
        } else {
            node->value = json;
        }
        return node;
    }

    Json toJson() const
    {
        if (object) {
            Json out = Json::object();
            for (const auto &child : children)
                out[child->key] = child->toJson();
            return out;
        }
        if (array) {
            Json out = Json::array();
            for (const auto &child : children)
                out.push_back(child->toJson());
            return out;
        }
        return value;
    }

    QString typeName() const
    {
        if (object)
            return QStringLiteral("object");
        if (array)
            return QStringLiteral("array");
        if (value.is_number_integer())
            return QStringLiteral("integer");
        if (value.is_number())
            return QStringLiteral("number");
        if (value.is_boolean())
            return QStringLiteral("boolean");
        if (value.is_null())
            return QStringLiteral("null");
        return QStringLiteral("string");
    }
};

namespace {

// What a typed value cell holds: JSON scalars as written (42, 4.5, true, null, "quoted"), anything else a
// string.
Json scalarFromText(const QString &text)
{
    const std::string utf8 = text.trimmed().toStdString();
    if (!utf8.empty()) {
        // Not JSON (or a number out of range, or nested too deep): the text is a string.
        if (Result<Json> parsed = parseJson(utf8, "cell"); parsed && !parsed->is_structured())
            return *parsed;
    }
    return Json(text.toStdString());
}

Json convert(const Json &value, const QString &type)
{
    const QString text = value.is_string()
                             ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.is_null() ? std::string() : value.dump());
    bool ok = false;
    if (type == QLatin1String("string"))
        return Json(text.toStdString());
    if (type == QLatin1String("number")) {
        const double number = text.toDouble(&ok);
        return Json(ok ? number : 0.0);
    }
    if (type == QLatin1String("integer")) {
        const double number = text.toDouble(&ok);
        return Json(ok ? static_cast<std::int64_t>(std::llround(number)) : std::int64_t(0));
    }
    if (type == QLatin1String("boolean"))
        return Json(value.is_boolean() ? value.get<bool>()
                                       : (text == QLatin1String("true") || text == QLatin1String("1")));
    if (type == QLatin1String("object"))
        return Json::object();
    if (type == QLatin1String("array"))
        return Json::array();
    return Json(nullptr);
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(Node::from(Json::object(), nullptr, 0, {}))
{
}

JsonTreeModel::~JsonTreeModel() = default;

QStringList JsonTreeModel::typeNames()
{
    return {QStringLiteral("string"),  QStringLiteral("number"), QStringLiteral("integer"),
            QStringLiteral("boolean"), QStringLiteral("null"),   QStringLiteral("object"),
            QStringLiteral("array")};
}

Json JsonTreeModel::json() const
{
    return m_root->toJson();
}

void JsonTreeModel::setJson(const Json &value)
{
    beginResetModel();
    m_root = Node::from(value.is_object() ? value : Json::object(), nullptr, 0, {});
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QString JsonTreeModel::pointer(const QModelIndex &index) const
{
    std::string path;
    for (const Node *node = nodeFor(index); node && node->parent; node = node->parent) {
        const std::string token =
            node->parent->array ? std::to_string(node->row) : jsonPointerToken(node->key);
        path = "/" + token + path;
    }
    return m_prefix + QString::fromStdString(path);
}

QModelIndex JsonTreeModel::indexForPointer(const QString &pointer) const
{
    if (!pointer.startsWith(m_prefix))
        return {};
    const QString rest = pointer.mid(m_prefix.size());
    const Node *node = m_root.get();
    const QStringList tokens = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        const Node *next = nullptr;
        for (const auto &child : node->children) {
            const bool match = node->array ? QString::number(child->row) == token
                                           : QString::fromStdString(child->key) == token;
            if (match) {
                next = child.get();
                break;
            }
        }
        if (!next)
            break;
        node = next;
    }
    return indexFor(node);
}

void JsonTreeModel::setVerdicts(const std::vector<Violation> &violations)
{
    m_verdicts.clear();
    for (const Violation &violation : violations) {
        const QString pointer = QString::fromStdString(violation.pointer);
        auto it = std::find_if(m_verdicts.begin(), m_verdicts.end(),
                               [&](const auto &entry) { return entry.first == pointer; });
        if (it == m_verdicts.end())
            m_verdicts.push_back({pointer, {violation}});
        else
            it->second.push_back(violation);
    }
    // Colours and tooltips of any row may change; the structure does not.
    std::function<void(const Node *)> touch = [&](const Node *node) {
        if (!node->children.empty())
            emit dataChanged(indexFor(node->children.front().get(), 0),
                             indexFor(node->children.back().get(), ColumnCount - 1));
        for (const auto &child : node->children)
            touch(child.get());
    };
    touch(m_root.get());
}

const std::vector<Violation> *JsonTreeModel::verdictFor(const Node *node) const
{
    const QString path = pointer(indexFor(node));
    for (const auto &[pointer, violations] : m_verdicts)
        if (pointer == path)
            return &violations;
    return nullptr;
}

QModelIndex JsonTreeModel::addChild(const QModelIndex &parentIndex, const QString &key, const Json &value)
{
    Node *parent = nodeFor(parentIndex);
    if (!parent->isContainer())
        return {};
    std::string name = key.toStdString();
    if (parent->object) {
        // Keys are unique: a taken name gets a numbered one the user can rename.
        const auto taken = [&](const std::string &candidate) {
            return std::any_of(parent->children.begin(), parent->children.end(),
                               [&](const auto &child) { return child->key == candidate; });
        };
        if (name.empty())
            name = "property";
        const std::string base = name;
        for (int n = 2; taken(name); ++n)
            name = base + "_" + std::to_string(n);
    }
    const int row = int(parent->children.size());
    beginInsertRows(parentIndex.siblingAtColumn(0), row, row);
    parent->children.push_back(Node::from(value, parent, row, parent->object ? name : std::string()));
    endInsertRows();
    refreshAncestors(parent);
    emit jsonEdited();
    return indexFor(parent->children.back().get());
}

bool JsonTreeModel::removeEntry(const QModelIndex &index)
{
    Node *node = nodeFor(index);
    if (!index.isValid() || !node->parent)
        return false;
    Node *parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexFor(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    renumber(parent);
    endRemoveRows();
    refreshAncestors(parent);
    emit jsonEdited();
    return true;
}

void JsonTreeModel::renumber(Node *node)
{
    for (std::size_t i = 0; i < node->children.size(); ++i)
        node->children[i]->row = int(i);
}

void JsonTreeModel::refreshAncestors(const Node *node)
{
    // Containers show their size in the value column.
    for (; node && node != m_root.get(); node = node->parent)
        emit dataChanged(indexFor(node, ValueColumn), indexFor(node, ValueColumn));
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    if (row < 0 || row >= int(node->children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    if (role == PointerRole)
        return pointer(index);
    const auto *verdict = verdictFor(node);
    const bool hasError = verdict && std::any_of(verdict->begin(), verdict->end(), [](const Violation &v) {
                              return v.severity == Severity::Error;
                          });
    if (role == SeverityRole)
        return verdict ? QVariant(hasError ? QStringLiteral("error") : QStringLiteral("warning"))
                       : QVariant();
    if (role == Qt::ForegroundRole && verdict)
        return QBrush(hasError ? Theme::errorColor() : Theme::warningColor());
    if (role == Qt::ToolTipRole && verdict) {
        QStringList lines;
        for (const Violation &v : *verdict) {
            QString line = QStringLiteral("%1 (%2): %3")
                               .arg(QString::fromStdString(std::string(toString(v.severity))),
                                    QString::fromStdString(v.code), QString::fromStdString(v.message));
            if (!v.suggestion.empty())
                line += QStringLiteral("\nSuggestion: ") + QString::fromStdString(v.suggestion);
            lines << line;
        }
        return lines.join(QLatin1Char('\n'));
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case KeyColumn:
        return node->parent && node->parent->array ? QStringLiteral("[%1]").arg(node->row)
                                                   : QString::fromStdString(node->key);
    case TypeColumn: return node->typeName();
    case ValueColumn:
        if (node->isContainer()) {
            if (role == Qt::EditRole)
                return {};
            const int count = int(node->children.size());
            if (node->object)
                return count == 1 ? tr("{1 member}") : tr("{%1 members}").arg(count);
            return count == 1 ? tr("[1 item]") : tr("[%1 items]").arg(count);
        }
        if (node->value.is_string())
            return QString::fromStdString(node->value.get<std::string>());
        return QString::fromStdString(node->value.dump());
    default: return {};
    }
}

bool JsonTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    Node *node = nodeFor(index);
    const QString text = value.toString();
    switch (index.column()) {
    case KeyColumn: {
        if (!node->parent || !node->parent->object || text.isEmpty())
            return false;
        const std::string key = text.toStdString();
        if (key == node->key)
            return false;
        for (const auto &sibling : node->parent->children)
            if (sibling->key == key)
                return false; // a duplicate key would silently drop a member
        node->key = key;
        break;
    }
    case TypeColumn: {
        if (text == node->typeName() || !typeNames().contains(text))
            return false;
        const Json converted = convert(node->toJson(), text);
        if (node->isContainer() || converted.is_structured()) {
            if (!node->children.empty()) {
                beginRemoveRows(index.siblingAtColumn(0), 0, int(node->children.size()) - 1);
                node->children.clear();
                endRemoveRows();
            }
        }
        node->object = converted.is_object();
        node->array = converted.is_array();
        node->value = converted.is_structured() ? Json() : converted;
        break;
    }
    case ValueColumn: {
        if (node->isContainer())
            return false;
        const Json next = node->value.is_string() ? Json(text.toStdString()) : scalarFromText(text);
        if (next == node->value && next.type() == node->value.type())
            return false;
        node->value = next;
        break;
    }
    default: return false;
    }
    emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    emit jsonEdited();
    return true;
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Node *node = nodeFor(index);
    const bool editable = (index.column() == KeyColumn && node->parent && node->parent->object) ||
                          index.column() == TypeColumn ||
                          (index.column() == ValueColumn && !node->isContainer());
    return editable ? flags | Qt::ItemIsEditable : flags;
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
    default: return {};
    }
}

} // namespace preflight::ui
