#pragma once

#include "common/Json.h"
#include "validate/Violation.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace preflight::ui {

// An editable tree over one JSON value (the call's properties): column 0 the key (or array index), column 1
// the type, column 2 the value. Keys and scalar values are edited in place; the type column converts a
// value (string, number, integer, boolean, null, object, array). Each row also carries the plan's verdict
// on the field its JSON pointer names, as a colour and a tooltip.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, TypeColumn, ValueColumn, ColumnCount };
    enum Role { PointerRole = Qt::UserRole + 1, SeverityRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    Json json() const;
    void setJson(const Json &value);
    // Pointers are relative to the root ("/cart_value"); `prefix` is what the verdicts put in front of them.
    void setPointerPrefix(const QString &prefix) { m_prefix = prefix; }
    QString pointer(const QModelIndex &index) const;           // with the prefix
    QModelIndex indexForPointer(const QString &pointer) const; // nearest existing ancestor, column 0
    void setVerdicts(const std::vector<Violation> &violations);

    // Adds a member (objects) or item (arrays) under `parent` (invalid: the root); returns its index.
    QModelIndex addChild(const QModelIndex &parent, const QString &key = {}, const Json &value = Json(""));
    bool removeEntry(const QModelIndex &index);

    static QStringList typeNames();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // Emitted after every edit made through the model (not after setJson).
    void jsonEdited();

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    void renumber(Node *node);
    void refreshAncestors(const Node *node);
    const std::vector<Violation> *verdictFor(const Node *node) const;

    std::unique_ptr<Node> m_root;
    QString m_prefix;
    std::vector<std::pair<QString, std::vector<Violation>>> m_verdicts; // pointer -> violations there
};

} // namespace preflight::ui
