#pragma once

#include <QAbstractTableModel>

#include <functional>
#include <string>
#include <vector>

namespace preflight {
struct Plan;
}

namespace preflight::ui {

class PlanDocument;

// One lint finding as the panel shows it, with where it points so a click can jump there.
struct LintEntry {
    enum class Severity { Error, Warning, Info };
    std::string rule;
    Severity severity = Severity::Warning;
    std::string message;
    std::string fix;
    std::string event;     // empty when the finding is not about an event
    std::string property;  // a property of `event`, if any
    std::string attribute; // a person attribute, if any
    friend bool operator==(const LintEntry &, const LintEntry &) = default;
};

using PlanLinter = std::function<std::vector<LintEntry>(const Plan &)>;

// The live lint panel's rows, recomputed after every edit of the plan.
class LintModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Severity, Rule, Where, Message, Fix, ColumnCount };

    LintModel(PlanDocument *document, PlanLinter linter, QObject *parent = nullptr);

    const LintEntry &entry(int row) const { return m_entries[std::size_t(row)]; }
    int count(LintEntry::Severity severity) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void findingsChanged();

private:
    void recompute();

    PlanDocument *m_document;
    PlanLinter m_linter;
    std::vector<LintEntry> m_entries;
};

} // namespace preflight::ui
