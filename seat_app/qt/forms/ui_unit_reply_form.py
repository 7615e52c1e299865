# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unit_reply_form.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_UnitReplyForm(object):
    def setupUi(self, UnitReplyForm):
        if not UnitReplyForm.objectName():
            UnitReplyForm.setObjectName(u"UnitReplyForm")
        self.replyFormLayout = QVBoxLayout(UnitReplyForm)
        self.replyFormLayout.setObjectName(u"replyFormLayout")
        self.replyFormLayout.setContentsMargins(0, 0, 0, 0)
        self.replyBox = QGroupBox(UnitReplyForm)
        self.replyBox.setObjectName(u"replyBox")
        self.replyLayout = QFormLayout(self.replyBox)
        self.replyLayout.setObjectName(u"replyLayout")
        self.truthLabel = QLabel(self.replyBox)
        self.truthLabel.setObjectName(u"truthLabel")

        self.replyLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.truthLabel)

        self.choices = QHBoxLayout()
        self.choices.setObjectName(u"choices")
        self.truthCombo = QComboBox(self.replyBox)
        self.truthCombo.setObjectName(u"truthCombo")

        self.choices.addWidget(self.truthCombo)

        self.resolutionCombo = QComboBox(self.replyBox)
        self.resolutionCombo.setObjectName(u"resolutionCombo")

        self.choices.addWidget(self.resolutionCombo)


        self.replyLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.choices)

        self.reasonLabel = QLabel(self.replyBox)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.replyLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.replyReasonEdit = QPlainTextEdit(self.replyBox)
        self.replyReasonEdit.setObjectName(u"replyReasonEdit")

        self.replyLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.replyReasonEdit)

        self.publicLabel = QLabel(self.replyBox)
        self.publicLabel.setObjectName(u"publicLabel")

        self.replyLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.publicLabel)

        self.publicReplyEdit = QPlainTextEdit(self.replyBox)
        self.publicReplyEdit.setObjectName(u"publicReplyEdit")

        self.replyLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.publicReplyEdit)

        self.replyButton = QPushButton(self.replyBox)
        self.replyButton.setObjectName(u"replyButton")

        self.replyLayout.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.replyButton)


        self.replyFormLayout.addWidget(self.replyBox)

        self.extensionBox = QGroupBox(UnitReplyForm)
        self.extensionBox.setObjectName(u"extensionBox")
        self.extensionLayout = QFormLayout(self.extensionBox)
        self.extensionLayout.setObjectName(u"extensionLayout")
        self.extDaysLabel = QLabel(self.extensionBox)
        self.extDaysLabel.setObjectName(u"extDaysLabel")

        self.extensionLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.extDaysLabel)

        self.extDaysSpin = QSpinBox(self.extensionBox)
        self.extDaysSpin.setObjectName(u"extDaysSpin")
        self.extDaysSpin.setMinimum(1)
        self.extDaysSpin.setMaximum(30)

        self.extensionLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.extDaysSpin)

        self.extReasonLabel = QLabel(self.extensionBox)
        self.extReasonLabel.setObjectName(u"extReasonLabel")

        self.extensionLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.extReasonLabel)

        self.extensionReasonEdit = QPlainTextEdit(self.extensionBox)
        self.extensionReasonEdit.setObjectName(u"extensionReasonEdit")
        self.extensionReasonEdit.setMaximumSize(QSize(16777215, 60))

        self.extensionLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.extensionReasonEdit)

        self.extensionButton = QPushButton(self.extensionBox)
        self.extensionButton.setObjectName(u"extensionButton")

        self.extensionLayout.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.extensionButton)


        self.replyFormLayout.addWidget(self.extensionBox)

        self.returnBox = QGroupBox(UnitReplyForm)
        self.returnBox.setObjectName(u"returnBox")
        self.returnLayout = QVBoxLayout(self.returnBox)
        self.returnLayout.setObjectName(u"returnLayout")
        self.returnReasonEdit = QPlainTextEdit(self.returnBox)
        self.returnReasonEdit.setObjectName(u"returnReasonEdit")
        self.returnReasonEdit.setMaximumSize(QSize(16777215, 60))

        self.returnLayout.addWidget(self.returnReasonEdit)

        self.returnButton = QPushButton(self.returnBox)
        self.returnButton.setObjectName(u"returnButton")

        self.returnLayout.addWidget(self.returnButton)


        self.replyFormLayout.addWidget(self.returnBox)


        self.retranslateUi(UnitReplyForm)

        QMetaObject.connectSlotsByName(UnitReplyForm)
    # setupUi

    def retranslateUi(self, UnitReplyForm):
        self.replyBox.setTitle(QCoreApplication.translate("UnitReplyForm", u"\u529e\u7406\u56de\u590d", None))
        self.truthLabel.setText(QCoreApplication.translate("UnitReplyForm", u"\u6838\u67e5\u7ed3\u679c", None))
        self.reasonLabel.setText(QCoreApplication.translate("UnitReplyForm", u"\u529e\u7406\u60c5\u51b5", None))
        self.replyReasonEdit.setPlaceholderText(QCoreApplication.translate("UnitReplyForm", u"\u529e\u7406\u60c5\u51b5\uff1a\u5982\u4f55\u6838\u67e5\u3001\u5982\u4f55\u5904\u7406\u3001\u672a\u89e3\u51b3\u7684\u539f\u56e0\uff08\u81f3\u5c11 10 \u4e2a\u5b57\uff09", None))
        self.publicLabel.setText(QCoreApplication.translate("UnitReplyForm", u"\u7b54\u590d\u5185\u5bb9", None))
        self.publicReplyEdit.setPlaceholderText(QCoreApplication.translate("UnitReplyForm", u"\u7b54\u590d\u7fa4\u4f17\u7684\u5185\u5bb9\uff0c\u53ef\u5411\u6765\u7535\u4eba\u5ba3\u8bfb\uff08\u81f3\u5c11 10 \u4e2a\u5b57\uff09", None))
        self.replyButton.setText(QCoreApplication.translate("UnitReplyForm", u"\u63d0\u4ea4\u56de\u590d", None))
        self.extensionBox.setTitle(QCoreApplication.translate("UnitReplyForm", u"\u7533\u8bf7\u5ef6\u671f", None))
        self.extDaysLabel.setText(QCoreApplication.translate("UnitReplyForm", u"\u5ef6\u671f\u5929\u6570", None))
        self.extDaysSpin.setSuffix(QCoreApplication.translate("UnitReplyForm", u" \u4e2a\u5de5\u4f5c\u65e5", None))
        self.extReasonLabel.setText(QCoreApplication.translate("UnitReplyForm", u"\u5ef6\u671f\u7406\u7531", None))
        self.extensionButton.setText(QCoreApplication.translate("UnitReplyForm", u"\u63d0\u4ea4\u5ef6\u671f\u7533\u8bf7", None))
        self.returnBox.setTitle(QCoreApplication.translate("UnitReplyForm", u"\u9000\u4ef6\uff08\u975e\u672c\u5355\u4f4d\u804c\u8d23\uff09", None))
        self.returnReasonEdit.setPlaceholderText(QCoreApplication.translate("UnitReplyForm", u"\u9000\u4ef6\u7406\u7531\uff0c\u5efa\u8bae\u7684\u627f\u529e\u5355\u4f4d\uff08\u81f3\u5c11 6 \u4e2a\u5b57\uff09", None))
        self.returnButton.setText(QCoreApplication.translate("UnitReplyForm", u"\u9000\u4ef6", None))
        pass
    # retranslateUi

