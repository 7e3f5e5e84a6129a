import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface Props {
  title: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}

/** The title row of a page, with actions on the right (wrapping on narrow screens). */
export function PageHeader({ title, extra, children }: Props) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
        {extra && <Flex wrap gap={8}>{extra}</Flex>}
      </Flex>
      {children}
    </div>
  );
}
