#pragma once

#include "api/HttpRequest.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace preflight {
class Outbox;
}

namespace preflight::ui {

// The durable outbox the CLI and the console send through: pending entries, what was delivered, and dead
// letters with the answer that killed them, with Retry (requeue) and Purge.
class OutboxPanel : public QWidget
{
    Q_OBJECT

public:
    // $PREFLIGHT_DATA_DIR/outbox.sqlite, else the application data folder: the file `preflight-cli send`
    // uses.
    static QString defaultPath();

    explicit OutboxPanel(QWidget *parent = nullptr);
    ~OutboxPanel() override;

    void setPath(const QString &path);
    QString path() const { return m_path; }
    void refresh();
    int rowCount() const;
    void selectRow(int row);
    void retrySelected();
    // Deletes every entry in the state chosen in the state filter (done or dead; never pending).
    void purgeShown();

signals:
    void openRequested(const preflight::HttpRequest &request);

private:
    void showDetails();
    std::int64_t selectedId() const;

    QString m_path;
    std::unique_ptr<Outbox> m_outbox;
    QComboBox *m_stateFilter;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QLabel *m_summary;
    QPushButton *m_retryButton;
    QPushButton *m_purgeButton;
    QPushButton *m_openButton;
};

} // namespace preflight::ui
