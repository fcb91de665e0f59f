#include "JourneyListModel.h"

#include "JourneySummary.h"

namespace preflight::ui {

void JourneyListModel::setJourneys(Journeys journeys)
{
    beginResetModel();
    m_journeys = std::move(journeys);
    endResetModel();
}

const Campaign *JourneyListModel::campaign(int row) const
{
    return row >= 0 && row < int(m_journeys.campaigns.size()) ? &m_journeys.campaigns[std::size_t(row)]
                                                              : nullptr;
}

int JourneyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_journeys.campaigns.size());
}

QVariant JourneyListModel::data(const QModelIndex &index, int role) const
{
    const Campaign *shown = index.isValid() ? campaign(index.row()) : nullptr;
    if (!shown)
        return {};
    if (role == Qt::DisplayRole)
        return QString::fromStdString(shown->name);
    if (role == Qt::ToolTipRole)
        return summarizeCampaign(*shown);
    return {};
}

} // namespace preflight::ui
