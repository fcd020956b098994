package io.dbmesh.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageNamesTest {
    private static final Map<String, String> SCHEMAS = Map.of("orders_ds0", "orders", "orders_ds1", "orders", "shop_phys", "shop");
    private static final Map<String, String> TABLES = Map.of("t_order_0", "t_order", "t_order_1", "t_order");

    private static String logical(String message) {
        return MessageNames.logical(message, SCHEMAS::get, TABLES);
    }

    @Test
    void backquotedAndPlainNamesBecomeLogical() {
        assertThat(logical("Incorrect decimal value: 'abc' for column `orders_ds1`.`t_order_0`.`amount` at row 1"))
                .isEqualTo("Incorrect decimal value: 'abc' for column `orders`.`t_order`.`amount` at row 1");
        assertThat(logical("Table 'orders_ds0.t_order_1' doesn't exist")).isEqualTo("Table 'orders.t_order' doesn't exist");
        assertThat(logical("Unknown column 'x' in 'shop_phys.customers'")).isEqualTo("Unknown column 'x' in 'shop.customers'");
    }

    @Test
    void foreignKeysNamedAfterAPhysicalTableGetTheLogicalTablesName() {
        assertThat(logical("CONSTRAINT `t_order_0_ibfk_12` FOREIGN KEY (`order_id`) REFERENCES `t_order_1` (`order_id`)"))
                .isEqualTo("CONSTRAINT `t_order_ibfk_12` FOREIGN KEY (`order_id`) REFERENCES `t_order` (`order_id`)");
        assertThat(logical("t_order_0_ibfk_ t_order_0_ibfk_x other_ibfk_1")).isEqualTo("t_order_0_ibfk_ t_order_0_ibfk_x other_ibfk_1");
    }

    @Test
    void partsOfLongerWordsAreLeftAlone() {
        String m = "Duplicate entry 't_order_01' for key 'my_orders_ds0x' on t_order_0s";
        assertThat(logical(m)).isSameAs(m);
        assertThat(logical("")).isEmpty();
        assertThat(logical(null)).isNull();
        assertThat(logical("unterminated `t_order_0")).isEqualTo("unterminated `t_order_0");
    }
}
