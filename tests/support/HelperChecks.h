#pragma once

#include <QTest>

// A QVERIFY or QCOMPARE inside a helper function returns from the helper, not from the test that called
// it, which would then go on as if nothing had failed. Calls to such helpers go through this, so a failed
// check in the helper stops the test where it stands.
#define PREFLIGHT_CHECKED(call)                                                                              \
    do {                                                                                                     \
        call;                                                                                                \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)
