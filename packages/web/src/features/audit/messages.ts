import { defineMessages } from '../../i18n/defineMessages';

/** The audit log's strings. */
export default defineMessages({
  'zh-CN': {
    'nav.audit': '审计日志',

    'outcome.ok': '成功',
    'outcome.denied': '拒绝',
    'outcome.failed': '失败',

    'audit.title': '审计日志',
    'audit.col.at': '时间',
    'audit.col.actor': '操作人',
    'audit.col.action': '操作',
    'audit.col.target': '对象',
    'audit.col.outcome': '结果',
    'audit.col.requestId': '请求编号',
    'audit.col.ip': 'IP',
    'audit.col.detail': '详情',
    'audit.filter.actor': '操作人',
    'audit.filter.action': '操作',
    'audit.filter.outcome': '结果',
    'audit.filter.dates': '日期范围',
    'audit.loadMore': '加载更多',
    'audit.noMore': '已全部加载',
    'audit.empty': '没有符合条件的审计记录',
    'audit.shown': '已显示 {count} 条',
  },
  en: {
    'nav.audit': 'Audit log',

    'outcome.ok': 'OK',
    'outcome.denied': 'Denied',
    'outcome.failed': 'Failed',

    'audit.title': 'Audit log',
    'audit.col.at': 'Time',
    'audit.col.actor': 'Actor',
    'audit.col.action': 'Action',
    'audit.col.target': 'Target',
    'audit.col.outcome': 'Outcome',
    'audit.col.requestId': 'Request id',
    'audit.col.ip': 'IP',
    'audit.col.detail': 'Detail',
    'audit.filter.actor': 'Actor',
    'audit.filter.action': 'Action',
    'audit.filter.outcome': 'Outcome',
    'audit.filter.dates': 'Dates',
    'audit.loadMore': 'Load more',
    'audit.noMore': 'Everything is loaded',
    'audit.empty': 'No audit entries match',
    'audit.shown': '{count} shown',
  },
});
