#pragma once

#include "journeys/Journeys.h"

#include <QAbstractListModel>

namespace preflight::ui {

// The campaigns of a journeys file for the timeline's list: the name, and the rules in words as tooltip.
class JourneyListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    using QAbstractListModel::QAbstractListModel;

    void setJourneys(Journeys journeys);
    const Campaign *campaign(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    Journeys m_journeys;
};

} // namespace preflight::ui
