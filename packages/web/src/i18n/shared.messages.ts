import { defineMessages } from './defineMessages';

/**
 * Strings of the shared components (components/shared, the layout) and those three or more features show:
 * roles, org node kinds, site types, risk levels, units, the import wizard, escalation levels, notification
 * channels, a few field labels and list actions.
 */
export default defineMessages({
  'zh-CN': {
    'role.bureau_admin': '民政局管理员',
    'role.bureau_officer': '民政局工作人员',
    'role.town_officer': '乡镇（街道）专干',
    'role.site_manager': '场所负责人',
    'role.site_staff': '场所工作人员',
    'role.grid_worker': '网格员',
    'role.volunteer': '志愿者',
    'role.inspector': '督查人员',

    'kind.bureau': '民政局',
    'kind.town': '乡镇（街道）',
    'kind.site': '场所',
    'kind.compound': '小区/自然村',
    'kind.building': '楼栋/村民小组',

    'siteType.elderly_care': '养老机构',
    'siteType.child_welfare': '儿童福利机构',
    'siteType.funeral': '殡葬服务机构',
    'siteType.rescue_station': '救助站',
    'siteType.community': '村/社区',

    'risk.low': '低风险',
    'risk.medium': '中风险',
    'risk.high': '高风险',

    'unit.days': '天',

    'sites.filterType': '场所类型',

    'audit.system': '系统',

    'people.field.name': '姓名',
    'people.field.idNumber': '身份证号',
    'people.field.phone': '手机号',
    'people.field.site': '场所',

    'people.allSites': '全部我的场所',
    'people.downloadFailed': '下载失败',

    'import.step.file': '选择文件',
    'import.step.preview': '预览检查',
    'import.step.result': '导入结果',
    'import.dragText': '点击或将文件拖到此处',
    'import.badType': '只能导入 .xlsx 或 .csv 文件',
    'import.tooLarge': '文件超过 {mb} MB',
    'import.preview': '上传并预览',
    'import.needFile': '请先选择文件',
    'import.previewFailed': '无法预览该文件',
    'import.total': '总行数',
    'import.invalid': '有错误',
    'import.col.row': '行号',
    'import.col.errors': '问题',
    'import.emptyFile': '文件中没有数据行',
    'import.modeAll': '全部导入：只要有一行有错误，整份文件都不导入',
    'import.allWillFail': '有 {count} 行有错误，选择“全部导入”将被拒绝',
    'import.commit': '确认导入',
    'import.noValid': '没有可导入的有效行',
    'import.back': '上一步',
    'import.restart': '重新选择文件',
    'import.running': '正在导入，请勿关闭页面…',
    'import.doneTitle': '导入完成',
    'import.failed': '导入失败',
    'import.rowLabel': '第 {row} 行',

    'round.selectSite': '选择场所',
    'round.chooseSite': '请先选择场所',
    'round.date': '日期',
    'round.viewAlerts': '查看预警',
    'round.rowsRefused': '{count} 行未通过校验',
    'round.nothingSaved': '本批次未保存任何记录，请修正标红的行后重新保存。',

    'coverage.noSites': '没有场所数据',

    'visits.export': '导出 Excel',
    'visits.total': '共 {count} 条',

    'testing.field.town': '乡镇（街道）',

    'notifications.channel.in_app': '站内消息',
    'notifications.channel.email': '电子邮件',
    'notifications.channel.wecom': '企业微信群机器人',
    'notifications.channel.dingtalk': '钉钉群机器人',
    'notifications.channel.webhook': '通用Webhook（短信网关）',

    'receiver.town': '乡镇（街道）社会事务办',
    'receiver.bureau': '市民政局',
    'receiver.funeral_affairs_centre': '殡葬事务中心',
    'receiver.health_department': '卫健部门',
    'receiver.prefecture_bureau': '地级市民政局',
  },
  en: {
    'role.bureau_admin': 'Bureau administrator',
    'role.bureau_officer': 'Bureau officer',
    'role.town_officer': 'Town officer',
    'role.site_manager': 'Site manager',
    'role.site_staff': 'Site staff',
    'role.grid_worker': 'Grid worker',
    'role.volunteer': 'Volunteer',
    'role.inspector': 'Inspector',

    'kind.bureau': 'Bureau',
    'kind.town': 'Town / subdistrict',
    'kind.site': 'Site',
    'kind.compound': 'Compound / village',
    'kind.building': 'Building / villager group',

    'siteType.elderly_care': 'Elderly-care home',
    'siteType.child_welfare': 'Child-welfare institution',
    'siteType.funeral': 'Funeral home',
    'siteType.rescue_station': 'Rescue station',
    'siteType.community': 'Village / community',

    'risk.low': 'Low risk',
    'risk.medium': 'Medium risk',
    'risk.high': 'High risk',

    'unit.days': 'days',

    'sites.filterType': 'Site type',

    'audit.system': 'System',

    'people.field.name': 'Name',
    'people.field.idNumber': 'ID number',
    'people.field.phone': 'Phone',
    'people.field.site': 'Site',

    'people.allSites': 'All my sites',
    'people.downloadFailed': 'The download failed',

    'import.step.file': 'Choose a file',
    'import.step.preview': 'Preview',
    'import.step.result': 'Result',
    'import.dragText': 'Click or drag a file here',
    'import.badType': 'Only .xlsx and .csv files can be imported',
    'import.tooLarge': 'The file is larger than {mb} MB',
    'import.preview': 'Upload and preview',
    'import.needFile': 'Choose a file first',
    'import.previewFailed': 'The file could not be previewed',
    'import.total': 'Rows',
    'import.invalid': 'With errors',
    'import.col.row': 'Row',
    'import.col.errors': 'Problems',
    'import.emptyFile': 'The file has no data rows',
    'import.modeAll': 'All or nothing: import nothing if any row has an error',
    'import.allWillFail': '{count} rows have errors, so "all or nothing" will be refused',
    'import.commit': 'Import',
    'import.noValid': 'There are no valid rows to import',
    'import.back': 'Back',
    'import.restart': 'Choose another file',
    'import.running': 'Importing; please keep this page open…',
    'import.doneTitle': 'Import finished',
    'import.failed': 'The import failed',
    'import.rowLabel': 'Row {row}',

    'round.selectSite': 'Choose a site',
    'round.chooseSite': 'Choose a site first',
    'round.date': 'Date',
    'round.viewAlerts': 'See the alerts',
    'round.rowsRefused': '{count} row(s) were refused',
    'round.nothingSaved': 'Nothing of this batch was saved: fix the rows marked red and save again.',

    'coverage.noSites': 'No sites',

    'visits.export': 'Export Excel',
    'visits.total': '{count} in all',

    'testing.field.town': 'Town',

    'notifications.channel.in_app': 'In-app message',
    'notifications.channel.email': 'E-mail',
    'notifications.channel.wecom': 'WeCom group robot',
    'notifications.channel.dingtalk': 'DingTalk group robot',
    'notifications.channel.webhook': 'Generic webhook (SMS gateway)',

    'receiver.town': 'Town (subdistrict) social affairs office',
    'receiver.bureau': 'City civil affairs bureau',
    'receiver.funeral_affairs_centre': 'Funeral affairs centre',
    'receiver.health_department': 'Health department',
    'receiver.prefecture_bureau': 'Prefecture civil affairs bureau',
  },
});
