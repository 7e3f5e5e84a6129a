import { defineTexts } from '@fangkong/domain';

/** What the supplies services tell a person, by code, in both languages. */
export const SUPPLIES_TEXTS = defineTexts({
  item_not_in_catalogue: { 'zh-CN': '目录中没有该物资或已停用', en: 'no such item in the catalogue, or it is no longer used' },
  batch_expired: { 'zh-CN': '该批次已过期，不能入库', en: 'this batch has expired already' },
  no_batch_of_item: { 'zh-CN': '该机构没有这一批次的此物资', en: 'no such batch of this item at this site' },
  not_enough_stock: { 'zh-CN': '库存不足', en: 'not enough in stock' },
  no_batch_at_site: { 'zh-CN': '该机构没有这一批次', en: 'no such batch at this site' },
  below_zero: { 'zh-CN': '调整后库存不能为负数', en: 'the adjustment would take the batch below zero' },
  item_name_exists: { 'zh-CN': '已有同名物资', en: 'an item of that name exists' },
  batch_expired_on: (day: string) => ({
    'zh-CN': `该批次已于 ${day} 过期；确需发放请填写原因`, en: `this batch expired on ${day}; give a reason to issue it anyway`,
  }),
  batch_left: (n: number) => ({ 'zh-CN': `该批次仅剩 ${n}`, en: `only ${n} left in this batch` }),
  stock_left: (n: number) => ({ 'zh-CN': `可用库存仅剩 ${n}`, en: `only ${n} usable in stock` }),
});
