#pragma once

#include <QMainWindow>

namespace preflight::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace preflight::ui
