#pragma once

#include <QWidget>

namespace preflight::ui {

// A page whose core has not landed yet: its title and one line on what it will offer.
class PlaceholderPage : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace preflight::ui
