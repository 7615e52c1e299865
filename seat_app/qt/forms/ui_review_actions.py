# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_actions.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QGridLayout, QGroupBox,
    QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ReviewActions(object):
    def setupUi(self, ReviewActions):
        if not ReviewActions.objectName():
            ReviewActions.setObjectName(u"ReviewActions")
        self.reviewActionsLayout = QVBoxLayout(ReviewActions)
        self.reviewActionsLayout.setObjectName(u"reviewActionsLayout")
        self.reviewActionsLayout.setContentsMargins(0, 0, 0, 0)
        self.reviewBox = QGroupBox(ReviewActions)
        self.reviewBox.setObjectName(u"reviewBox")
        self.reviewGrid = QGridLayout(self.reviewBox)
        self.reviewGrid.setObjectName(u"reviewGrid")
        self.reasonLabel = QLabel(self.reviewBox)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.reviewGrid.addWidget(self.reasonLabel, 0, 0, 1, 2)

        self.deskReasonEdit = QPlainTextEdit(self.reviewBox)
        self.deskReasonEdit.setObjectName(u"deskReasonEdit")
        self.deskReasonEdit.setMaximumSize(QSize(16777215, 70))

        self.reviewGrid.addWidget(self.deskReasonEdit, 1, 0, 1, 2)

        self.approvePreButton = QPushButton(self.reviewBox)
        self.approvePreButton.setObjectName(u"approvePreButton")

        self.reviewGrid.addWidget(self.approvePreButton, 2, 0, 1, 1)

        self.rejectPreButton = QPushButton(self.reviewBox)
        self.rejectPreButton.setObjectName(u"rejectPreButton")

        self.reviewGrid.addWidget(self.rejectPreButton, 2, 1, 1, 1)

        self.approveReplyButton = QPushButton(self.reviewBox)
        self.approveReplyButton.setObjectName(u"approveReplyButton")

        self.reviewGrid.addWidget(self.approveReplyButton, 3, 0, 1, 1)

        self.returnReplyButton = QPushButton(self.reviewBox)
        self.returnReplyButton.setObjectName(u"returnReplyButton")

        self.reviewGrid.addWidget(self.returnReplyButton, 3, 1, 1, 1)

        self.grantExtButton = QPushButton(self.reviewBox)
        self.grantExtButton.setObjectName(u"grantExtButton")

        self.reviewGrid.addWidget(self.grantExtButton, 4, 0, 1, 1)

        self.refuseExtButton = QPushButton(self.reviewBox)
        self.refuseExtButton.setObjectName(u"refuseExtButton")

        self.reviewGrid.addWidget(self.refuseExtButton, 4, 1, 1, 1)

        self.deskUnreasonableCategory = QComboBox(self.reviewBox)
        self.deskUnreasonableCategory.setObjectName(u"deskUnreasonableCategory")

        self.reviewGrid.addWidget(self.deskUnreasonableCategory, 5, 0, 1, 1)

        self.deskUnreasonable = QPushButton(self.reviewBox)
        self.deskUnreasonable.setObjectName(u"deskUnreasonable")

        self.reviewGrid.addWidget(self.deskUnreasonable, 5, 1, 1, 1)


        self.reviewActionsLayout.addWidget(self.reviewBox)

        self.superviseBox = QGroupBox(ReviewActions)
        self.superviseBox.setObjectName(u"superviseBox")
        self.superviseGrid = QGridLayout(self.superviseBox)
        self.superviseGrid.setObjectName(u"superviseGrid")
        self.levelLabel = QLabel(self.superviseBox)
        self.levelLabel.setObjectName(u"levelLabel")

        self.superviseGrid.addWidget(self.levelLabel, 0, 0, 1, 1)

        self.deskLevel = QComboBox(self.superviseBox)
        self.deskLevel.setObjectName(u"deskLevel")

        self.superviseGrid.addWidget(self.deskLevel, 0, 1, 1, 1)

        self.deskSupervisionReason = QPlainTextEdit(self.superviseBox)
        self.deskSupervisionReason.setObjectName(u"deskSupervisionReason")
        self.deskSupervisionReason.setMaximumSize(QSize(16777215, 60))

        self.superviseGrid.addWidget(self.deskSupervisionReason, 1, 0, 1, 2)

        self.superviseButton = QPushButton(self.superviseBox)
        self.superviseButton.setObjectName(u"superviseButton")

        self.superviseGrid.addWidget(self.superviseButton, 2, 0, 1, 1)

        self.escalateButton = QPushButton(self.superviseBox)
        self.escalateButton.setObjectName(u"escalateButton")

        self.superviseGrid.addWidget(self.escalateButton, 2, 1, 1, 1)


        self.reviewActionsLayout.addWidget(self.superviseBox)


        self.retranslateUi(ReviewActions)

        QMetaObject.connectSlotsByName(ReviewActions)
    # setupUi

    def retranslateUi(self, ReviewActions):
        self.reviewBox.setTitle(QCoreApplication.translate("ReviewActions", u"\u5ba1\u6838", None))
        self.reasonLabel.setText(QCoreApplication.translate("ReviewActions", u"\u7406\u7531\uff08\u9a73\u56de\u3001\u9000\u56de\u3001\u62d2\u7edd\u5ef6\u671f\u65f6\u5fc5\u586b\uff09\uff1a", None))
        self.deskReasonEdit.setPlaceholderText(QCoreApplication.translate("ReviewActions", u"\u5199\u660e\u7406\u7531\uff0c\u5355\u4f4d\u5c06\u770b\u5230\u8fd9\u6bb5\u8bdd", None))
        self.approvePreButton.setText(QCoreApplication.translate("ReviewActions", u"\u9884\u5ba1\u901a\u8fc7\u5e76\u6d3e\u53d1", None))
        self.rejectPreButton.setText(QCoreApplication.translate("ReviewActions", u"\u9884\u5ba1\u9a73\u56de", None))
        self.approveReplyButton.setText(QCoreApplication.translate("ReviewActions", u"\u56de\u590d\u5ba1\u6838\u901a\u8fc7", None))
        self.returnReplyButton.setText(QCoreApplication.translate("ReviewActions", u"\u9000\u56de\u91cd\u529e", None))
        self.grantExtButton.setText(QCoreApplication.translate("ReviewActions", u"\u6279\u51c6\u5ef6\u671f", None))
        self.refuseExtButton.setText(QCoreApplication.translate("ReviewActions", u"\u9a73\u56de\u5ef6\u671f", None))
        self.deskUnreasonable.setText(QCoreApplication.translate("ReviewActions", u"\u6807\u8bb0\u4e3a\u4e0d\u5408\u7406\u8bc9\u6c42", None))
        self.superviseBox.setTitle(QCoreApplication.translate("ReviewActions", u"\u7763\u529e", None))
        self.levelLabel.setText(QCoreApplication.translate("ReviewActions", u"\u7ea7\u522b\uff1a", None))
        self.deskSupervisionReason.setPlaceholderText(QCoreApplication.translate("ReviewActions", u"\u7763\u529e\u539f\u56e0\uff08\u81f3\u5c11 4 \u4e2a\u5b57\uff09", None))
        self.superviseButton.setText(QCoreApplication.translate("ReviewActions", u"\u7763\u529e", None))
        self.escalateButton.setText(QCoreApplication.translate("ReviewActions", u"\u5347\u7ea7\u7763\u529e", None))
        pass
    # retranslateUi

