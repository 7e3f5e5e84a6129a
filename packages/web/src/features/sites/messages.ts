import { defineMessages } from '../../i18n/defineMessages';

/** The strings of the site list and of a site's page. */
export default defineMessages({
  'zh-CN': {
    'nav.sites': '场所',

    'sites.title': '场所',
    'sites.searchPlaceholder': '搜索名称、编码或地址',
    'sites.col.name': '名称',
    'sites.col.type': '类型',
    'sites.col.town': '所属乡镇（街道）',
    'sites.col.code': '编码',
    'sites.col.address': '地址',
    'sites.exportCsv': '导出 CSV',
    'sites.csvFileName': '场所列表',
    'sites.empty': '没有可见的场所',
    'sites.count': '共 {count} 个场所',
    'sites.detailTitle': '场所详情',
    'sites.policyInForce': '当前执行的防控策略',
    'sites.policyVersion': '第 {version} 版，自 {date} 起执行',
    'sites.noPolicy': '该场所当前没有生效的防控策略',

    'people.viewPeople': '查看人员',

    'supplies.viewStock': '防疫物资',
  },
  en: {
    'nav.sites': 'Sites',

    'sites.title': 'Sites',
    'sites.searchPlaceholder': 'Search name, code or address',
    'sites.col.name': 'Name',
    'sites.col.type': 'Type',
    'sites.col.town': 'Town / subdistrict',
    'sites.col.code': 'Code',
    'sites.col.address': 'Address',
    'sites.exportCsv': 'Export CSV',
    'sites.csvFileName': 'sites',
    'sites.empty': 'No sites visible',
    'sites.count': '{count} sites',
    'sites.detailTitle': 'Site details',
    'sites.policyInForce': 'Policy in force',
    'sites.policyVersion': 'Version {version}, in force since {date}',
    'sites.noPolicy': 'No policy is in force for this site',

    'people.viewPeople': 'See people',

    'supplies.viewStock': 'Supplies',
  },
});
