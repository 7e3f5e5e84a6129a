import { useMemo, useState, type Key } from 'react';
import { Empty, Input, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import type { OrgNode } from '@fangkong/domain';
import { NodeKindIcon } from '../../components/shared/NodeKindIcon';
import { useT } from '../../i18n/useT';
import { buildForest, filterForest, type TreeItem } from './tree';

function toTreeData(items: readonly TreeItem[]): TreeDataNode[] {
  return items.map((i) => ({
    key: i.node.id,
    // The name as plain text: nothing else in the title.
    title: i.node.name,
    icon: <NodeKindIcon kind={i.node.kind} />,
    children: toTreeData(i.children),
    isLeaf: i.children.length === 0,
  }));
}

interface Props {
  nodes: readonly OrgNode[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

/** The jurisdiction tree with a name filter. */
export function OrgTree({ nodes, selectedId, onSelect }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const forest = useMemo(() => buildForest(nodes), [nodes]);
  const filtered = useMemo(() => filterForest(forest, query), [forest, query]);
  // By default the roots and their children are open; a search opens the way to every match.
  const defaultExpanded = useMemo(() => forest.map((r) => r.node.id), [forest]);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const treeData = useMemo(() => toTreeData(filtered.forest), [filtered]);
  const searching = query.trim() !== '';

  return (
    <div className="fk-tree-panel">
      <Input.Search
        allowClear
        placeholder={t('org.searchPlaceholder')}
        aria-label={t('org.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      <div data-testid="org-tree">
        {treeData.length === 0
          ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={searching ? t('org.noMatch') : t('org.empty')} />
          : (
            <Tree
              showIcon
              blockNode
              treeData={treeData}
              selectedKeys={selectedId ? [selectedId] : []}
              expandedKeys={searching ? filtered.expand : expanded ?? defaultExpanded}
              onExpand={(keys) => {
                if (!searching) setExpanded(keys);
              }}
              onSelect={(keys) => {
                const key = keys[0];
                if (key !== undefined) onSelect(String(key));
              }}
            />
          )}
      </div>
    </div>
  );
}
