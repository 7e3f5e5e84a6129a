import { ApartmentOutlined, BankOutlined, BuildOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import type { NodeKind } from '@fangkong/domain';

/** One icon per kind of the jurisdiction tree. */
export function NodeKindIcon({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case 'bureau':
      return <BankOutlined />;
    case 'town':
      return <ApartmentOutlined />;
    case 'site':
      return <EnvironmentOutlined />;
    case 'compound':
      return <HomeOutlined />;
    case 'building':
      return <BuildOutlined />;
  }
}
