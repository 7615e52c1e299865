# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lock_panel.ui'
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
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_LockPanel(object):
    def setupUi(self, LockPanel):
        if not LockPanel.objectName():
            LockPanel.setObjectName(u"LockPanel")
        LockPanel.setAutoFillBackground(True)
        self.lockLayout = QVBoxLayout(LockPanel)
        self.lockLayout.setObjectName(u"lockLayout")
        self.topSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.lockLayout.addItem(self.topSpace)

        self.lockTitle = QLabel(LockPanel)
        self.lockTitle.setObjectName(u"lockTitle")
        self.lockTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.lockLayout.addWidget(self.lockTitle)

        self.lockWho = QLabel(LockPanel)
        self.lockWho.setObjectName(u"lockWho")
        self.lockWho.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.lockLayout.addWidget(self.lockWho)

        self.lockPassword = QLineEdit(LockPanel)
        self.lockPassword.setObjectName(u"lockPassword")
        self.lockPassword.setMaximumSize(QSize(280, 16777215))
        self.lockPassword.setEchoMode(QLineEdit.EchoMode.Password)

        self.lockLayout.addWidget(self.lockPassword, 0, Qt.AlignmentFlag.AlignHCenter)

        self.unlockButton = QPushButton(LockPanel)
        self.unlockButton.setObjectName(u"unlockButton")
        self.unlockButton.setMaximumSize(QSize(280, 16777215))

        self.lockLayout.addWidget(self.unlockButton, 0, Qt.AlignmentFlag.AlignHCenter)

        self.lockMessage = QLabel(LockPanel)
        self.lockMessage.setObjectName(u"lockMessage")
        self.lockMessage.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.lockLayout.addWidget(self.lockMessage)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.lockLayout.addItem(self.bottomSpace)

        self.lockLayout.setStretch(0, 1)
        self.lockLayout.setStretch(6, 2)

        self.retranslateUi(LockPanel)

        QMetaObject.connectSlotsByName(LockPanel)
    # setupUi

    def retranslateUi(self, LockPanel):
        self.lockTitle.setText(QCoreApplication.translate("LockPanel", u"\u5ea7\u5e2d\u5df2\u9501\u5b9a", None))
        self.lockPassword.setPlaceholderText(QCoreApplication.translate("LockPanel", u"\u8f93\u5165\u5bc6\u7801\u89e3\u9501", None))
        self.unlockButton.setText(QCoreApplication.translate("LockPanel", u"\u89e3\u9501", None))
        pass
    # retranslateUi

