#include "call/DedupeId.h"

#include <QByteArray>
#include <QCryptographicHash>

namespace preflight {

std::string derivedDedupeId(std::string_view source)
{
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const QByteArray hash = QCryptographicHash::hash(
        QByteArrayView(source.data(), static_cast<qsizetype>(source.size())), QCryptographicHash::Sha256);
    std::string id;
    id += kAlphabet[static_cast<unsigned char>(hash[0]) % 8]; // a ULID's first character is at most '7'
    for (int i = 1; i < 26; ++i)
        id += kAlphabet[static_cast<unsigned char>(hash[i]) % 32];
    return id;
}

} // namespace preflight
