# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'console_controls.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QWidget)

class Ui_ConsoleControls(object):
    def setupUi(self, ConsoleControls):
        if not ConsoleControls.objectName():
            ConsoleControls.setObjectName(u"ConsoleControls")
        self.controlsLayout = QHBoxLayout(ConsoleControls)
        self.controlsLayout.setObjectName(u"controlsLayout")
        self.controlsLayout.setContentsMargins(0, 0, 0, 0)
        self.selectedLabel = QLabel(ConsoleControls)
        self.selectedLabel.setObjectName(u"selectedLabel")

        self.controlsLayout.addWidget(self.selectedLabel)

        self.stateBox = QComboBox(ConsoleControls)
        self.stateBox.setObjectName(u"stateBox")

        self.controlsLayout.addWidget(self.stateBox)

        self.forceButton = QPushButton(ConsoleControls)
        self.forceButton.setObjectName(u"forceButton")

        self.controlsLayout.addWidget(self.forceButton)

        self.messageEdit = QLineEdit(ConsoleControls)
        self.messageEdit.setObjectName(u"messageEdit")

        self.controlsLayout.addWidget(self.messageEdit)

        self.messageButton = QPushButton(ConsoleControls)
        self.messageButton.setObjectName(u"messageButton")

        self.controlsLayout.addWidget(self.messageButton)

        self.controlsLayout.setStretch(3, 1)
        QWidget.setTabOrder(self.stateBox, self.forceButton)
        QWidget.setTabOrder(self.forceButton, self.messageEdit)
        QWidget.setTabOrder(self.messageEdit, self.messageButton)

        self.retranslateUi(ConsoleControls)

        QMetaObject.connectSlotsByName(ConsoleControls)
    # setupUi

    def retranslateUi(self, ConsoleControls):
        self.selectedLabel.setText(QCoreApplication.translate("ConsoleControls", u"\u6240\u9009\u5ea7\u5e2d\uff1a", None))
        self.forceButton.setText(QCoreApplication.translate("ConsoleControls", u"\u5f3a\u5236\u5207\u6362\u72b6\u6001", None))
        self.messageEdit.setPlaceholderText(QCoreApplication.translate("ConsoleControls", u"\u7ed9\u6240\u9009\u5ea7\u5e2d\u53d1\u6d88\u606f\u2026", None))
        self.messageButton.setText(QCoreApplication.translate("ConsoleControls", u"\u53d1\u9001", None))
        pass
    # retranslateUi

