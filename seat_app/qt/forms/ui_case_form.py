# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_form.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_CaseForm(object):
    def setupUi(self, CaseForm):
        if not CaseForm.objectName():
            CaseForm.setObjectName(u"CaseForm")
        CaseForm.resize(520, 640)
        self.outer = QVBoxLayout(CaseForm)
        self.outer.setObjectName(u"outer")
        self.titleLabel = QLabel(CaseForm)
        self.titleLabel.setObjectName(u"titleLabel")

        self.outer.addWidget(self.titleLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.channelLabel = QLabel(CaseForm)
        self.channelLabel.setObjectName(u"channelLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.channelLabel)

        self.channelRow = QHBoxLayout()
        self.channelRow.setObjectName(u"channelRow")
        self.channelValue = QLabel(CaseForm)
        self.channelValue.setObjectName(u"channelValue")

        self.channelRow.addWidget(self.channelValue)

        self.caseNoLabel = QLabel(CaseForm)
        self.caseNoLabel.setObjectName(u"caseNoLabel")

        self.channelRow.addWidget(self.caseNoLabel)

        self.caseNoValue = QLabel(CaseForm)
        self.caseNoValue.setObjectName(u"caseNoValue")
        self.caseNoValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.channelRow.addWidget(self.caseNoValue)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.channelRow)

        self.phoneLabel = QLabel(CaseForm)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(CaseForm)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(20)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.callerLabel = QLabel(CaseForm)
        self.callerLabel.setObjectName(u"callerLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.callerLabel)

        self.callerEdit = QLineEdit(CaseForm)
        self.callerEdit.setObjectName(u"callerEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.callerEdit)

        self.areaLabel = QLabel(CaseForm)
        self.areaLabel.setObjectName(u"areaLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.areaLabel)

        self.areaCombo = QComboBox(CaseForm)
        self.areaCombo.setObjectName(u"areaCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.areaCombo)

        self.addressLabel = QLabel(CaseForm)
        self.addressLabel.setObjectName(u"addressLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QLineEdit(CaseForm)
        self.addressEdit.setObjectName(u"addressEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.matterLabel = QLabel(CaseForm)
        self.matterLabel.setObjectName(u"matterLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.matterLabel)

        self.matterBox = QVBoxLayout()
        self.matterBox.setObjectName(u"matterBox")
        self.matterEdit = QLineEdit(CaseForm)
        self.matterEdit.setObjectName(u"matterEdit")

        self.matterBox.addWidget(self.matterEdit)

        self.matterPath = QLabel(CaseForm)
        self.matterPath.setObjectName(u"matterPath")

        self.matterBox.addWidget(self.matterPath)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.matterBox)

        self.descriptionLabel = QLabel(CaseForm)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(CaseForm)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.resolutionLabel = QLabel(CaseForm)
        self.resolutionLabel.setObjectName(u"resolutionLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.resolutionLabel)

        self.resolutionRow = QHBoxLayout()
        self.resolutionRow.setObjectName(u"resolutionRow")
        self.directRadio = QRadioButton(CaseForm)
        self.directRadio.setObjectName(u"directRadio")

        self.resolutionRow.addWidget(self.directRadio)

        self.dispatchRadio = QRadioButton(CaseForm)
        self.dispatchRadio.setObjectName(u"dispatchRadio")

        self.resolutionRow.addWidget(self.dispatchRadio)

        self.resolutionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.resolutionRow.addItem(self.resolutionSpacer)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.resolutionRow)

        self.unitLabel = QLabel(CaseForm)
        self.unitLabel.setObjectName(u"unitLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unitRow = QHBoxLayout()
        self.unitRow.setObjectName(u"unitRow")
        self.unitEdit = QLineEdit(CaseForm)
        self.unitEdit.setObjectName(u"unitEdit")

        self.unitRow.addWidget(self.unitEdit)

        self.deadlineLabel = QLabel(CaseForm)
        self.deadlineLabel.setObjectName(u"deadlineLabel")

        self.unitRow.addWidget(self.deadlineLabel)

        self.deadlineSpin = QSpinBox(CaseForm)
        self.deadlineSpin.setObjectName(u"deadlineSpin")
        self.deadlineSpin.setMinimum(1)
        self.deadlineSpin.setMaximum(60)
        self.deadlineSpin.setValue(5)

        self.unitRow.addWidget(self.deadlineSpin)


        self.form.setLayout(8, QFormLayout.ItemRole.FieldRole, self.unitRow)

        self.replyLabel = QLabel(CaseForm)
        self.replyLabel.setObjectName(u"replyLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.replyLabel)

        self.replyEdit = QPlainTextEdit(CaseForm)
        self.replyEdit.setObjectName(u"replyEdit")
        self.replyEdit.setTabChangesFocus(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.replyEdit)


        self.outer.addLayout(self.form)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.draftState = QLabel(CaseForm)
        self.draftState.setObjectName(u"draftState")

        self.buttonRow.addWidget(self.draftState)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.saveButton = QPushButton(CaseForm)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonRow.addWidget(self.saveButton)


        self.outer.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.callerLabel.setBuddy(self.callerEdit)
        self.areaLabel.setBuddy(self.areaCombo)
        self.addressLabel.setBuddy(self.addressEdit)
        self.matterLabel.setBuddy(self.matterEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.unitLabel.setBuddy(self.unitEdit)
        self.deadlineLabel.setBuddy(self.deadlineSpin)
        self.replyLabel.setBuddy(self.replyEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.phoneEdit, self.callerEdit)
        QWidget.setTabOrder(self.callerEdit, self.areaCombo)
        QWidget.setTabOrder(self.areaCombo, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.matterEdit)
        QWidget.setTabOrder(self.matterEdit, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.directRadio)
        QWidget.setTabOrder(self.directRadio, self.dispatchRadio)
        QWidget.setTabOrder(self.dispatchRadio, self.unitEdit)
        QWidget.setTabOrder(self.unitEdit, self.deadlineSpin)
        QWidget.setTabOrder(self.deadlineSpin, self.replyEdit)
        QWidget.setTabOrder(self.replyEdit, self.saveButton)

        self.retranslateUi(CaseForm)

        QMetaObject.connectSlotsByName(CaseForm)
    # setupUi

    def retranslateUi(self, CaseForm):
        CaseForm.setWindowTitle(QCoreApplication.translate("CaseForm", u"\u5de5\u5355", None))
        self.titleLabel.setText(QCoreApplication.translate("CaseForm", u"\u5de5\u5355", None))
        self.channelLabel.setText(QCoreApplication.translate("CaseForm", u"\u6765\u6e90", None))
        self.channelValue.setText(QCoreApplication.translate("CaseForm", u"\u2014", None))
        self.caseNoLabel.setText(QCoreApplication.translate("CaseForm", u"\u5de5\u5355\u53f7", None))
        self.caseNoValue.setText(QCoreApplication.translate("CaseForm", u"\uff08\u4fdd\u5b58\u540e\u751f\u6210\uff09", None))
        self.phoneLabel.setText(QCoreApplication.translate("CaseForm", u"\u6765\u7535\u53f7\u7801", None))
        self.callerLabel.setText(QCoreApplication.translate("CaseForm", u"\u6765\u7535\u4eba", None))
        self.callerEdit.setPlaceholderText(QCoreApplication.translate("CaseForm", u"\u5982\uff1a\u738b\u5973\u58eb", None))
        self.areaLabel.setText(QCoreApplication.translate("CaseForm", u"\u533a\u57df", None))
        self.addressLabel.setText(QCoreApplication.translate("CaseForm", u"\u5730\u70b9", None))
        self.addressEdit.setPlaceholderText(QCoreApplication.translate("CaseForm", u"\u8857\u9053\u3001\u5c0f\u533a\u3001\u95e8\u724c\u53f7", None))
        self.matterLabel.setText(QCoreApplication.translate("CaseForm", u"\u4e8b\u9879", None))
        self.matterEdit.setPlaceholderText(QCoreApplication.translate("CaseForm", u"\u8f93\u5165\u540d\u79f0\u6216\u62fc\u97f3\uff0c\u5982 gjj", None))
        self.matterPath.setText("")
        self.descriptionLabel.setText(QCoreApplication.translate("CaseForm", u"\u8bc9\u6c42\u5185\u5bb9", None))
        self.descriptionEdit.setPlaceholderText(QCoreApplication.translate("CaseForm", u"\u6765\u7535\u4eba\u53cd\u6620\u7684\u95ee\u9898\uff08\u65f6\u95f4\u3001\u5730\u70b9\u3001\u7ecf\u8fc7\u3001\u8bc9\u6c42\uff09", None))
        self.resolutionLabel.setText(QCoreApplication.translate("CaseForm", u"\u529e\u7406\u65b9\u5f0f", None))
        self.directRadio.setText(QCoreApplication.translate("CaseForm", u"\u76f4\u63a5\u529e\u7406", None))
        self.dispatchRadio.setText(QCoreApplication.translate("CaseForm", u"\u8f6c\u6d3e", None))
        self.unitLabel.setText(QCoreApplication.translate("CaseForm", u"\u627f\u529e\u5355\u4f4d", None))
        self.deadlineLabel.setText(QCoreApplication.translate("CaseForm", u"\u65f6\u9650\uff08\u5de5\u4f5c\u65e5\uff09", None))
        self.replyLabel.setText(QCoreApplication.translate("CaseForm", u"\u7b54\u590d\u5185\u5bb9", None))
        self.replyEdit.setPlaceholderText(QCoreApplication.translate("CaseForm", u"\u76f4\u63a5\u529e\u7406\u7684\u7b54\u590d\u53e3\u5f84\uff08\u53ef\u4ece\u77e5\u8bc6\u5e93\u63d2\u5165\uff09", None))
        self.draftState.setText("")
        self.saveButton.setText(QCoreApplication.translate("CaseForm", u"\u4fdd\u5b58\u5de5\u5355", None))
    # retranslateUi

